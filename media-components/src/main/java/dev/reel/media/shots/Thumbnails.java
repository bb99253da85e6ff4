package dev.reel.media.shots;

import dev.reel.media.annotation.DeclaredBoxes;
import dev.reel.media.frame.ForceKeyframe;
import dev.reel.media.ffmpeg.VideoEncoder;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.media.annotation.Box;
import dev.reel.media.annotation.ComponentDoc;
import dev.reel.media.annotation.Prop;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Step;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes a JPEG of the first frame of every shot into a folder: the first frame it sees, and each
 * frame that follows a {@link ForceKeyframe} (which {@link Shots} sends before every new shot). Put
 * it behind {@code shots}, on a tee branch. Each file is written under a temporary name and renamed.
 */
public final class Thumbnails implements Component {
    private final Path dir;
    private final int width;
    private boolean next = true;
    private int count;
    private VideoEncoder jpeg;
    private dev.reel.media.ffmpeg.Scaler scaler;
    private Inbox<Object> in;

    public Thumbnails(Path dir, int width) {
        this.dir = dir;
        this.width = width;
    }

    @ComponentDoc(name = "thumbnails", summary = "Writes a JPEG of the first frame of each shot into a folder (behind shots)",
            example = "decode in.mp4 ! shots ! tee name=t  t. ! encode ! mux out.mp4  t. ! thumbnails thumbs",
            boxes = {@Box(name = "inbox", messages = {StreamInfo.class, VideoFrame.class, ForceKeyframe.class}, capacity = 8)})
    public static Thumbnails create(
            @Prop(name = "dir", positional = true, required = true, sample = "thumbs",
                    doc = "folder to write shot-NNN.jpg into (created if missing)") String dir,
            @Prop(name = "width", def = "320", min = 16, max = 7680, doc = "thumbnail width; height keeps the aspect") int width) {
        return new Thumbnails(Path.of(dir), width);
    }

    /** Thumbnails written so far. */
    public int count() {
        return count;
    }

    @Override
    public Boxes boxes() {
        return DeclaredBoxes.typed(Boxes.none().in(Boxes.INBOX, Object.class).build(), Thumbnails.class);
    }

    @Override
    public void open(Context ctx) throws IOException {
        in = ctx.inbox();
        Files.createDirectories(dir);
    }

    @Override
    public Step step(Context ctx) throws IOException {
        Object m = in.poll();
        if (m == null) {
            return Step.WAIT_INPUT;
        }
        if (m instanceof ForceKeyframe) {
            next = true;
        } else if (m instanceof VideoFrame f) {
            try {
                if (next) {
                    next = false;
                    write(f);
                }
            } finally {
                f.release();
            }
        }
        return Step.CONTINUE;
    }

    private void write(VideoFrame f) throws IOException {
        if (scaler == null) {
            scaler = new dev.reel.media.ffmpeg.Scaler(Math.min(width, f.width()) & ~1, -2, PixelFormats.YUVJ420P);
        }
        VideoFrame small = scaler.scale(f);
        try {
            if (jpeg == null) {
                jpeg = VideoEncoder.open(new VideoEncoder.Settings().codec("mjpeg").option("qmin", "2").option("qmax", "5"),
                        small.width(), small.height(), small.pixelFormat(), f.timeBase(), new dev.reel.media.frame.Rational(25, 1));
            }
            jpeg.send(small);
        } finally {
            small.release();
        }
        Packet p = jpeg.receive();
        if (p == null) {
            return;
        }
        try {
            count++;
            Path target = dir.resolve(String.format(Locale.ROOT, "shot-%03d.jpg", count));
            Path tmp = dir.resolve("." + target.getFileName() + ".part");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer data = p.data();
                while (data.hasRemaining()) {
                    ch.write(data);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            p.release();
        }
    }

    @Override
    public void close() {
        if (jpeg != null) {
            jpeg.close();
        }
        if (scaler != null) {
            scaler.close();
        }
    }
}
