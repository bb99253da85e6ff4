package dev.reel.cli.report;

import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.Scaler;
import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.ffmpeg.VideoEncoder;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.VideoFrame;
import dev.reel.media.shots.ShotList;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The first, middle and last frame of every shot as small JPEGs, from one more sequential decode of
 * the input (frames counted in presentation order, as the shot list counts them). Only the wanted
 * frames are scaled and encoded, into a private temporary folder (a few kilobytes a picture), so
 * memory does not grow with the number of shots; {@link #close()} deletes them.
 */
public final class ShotFrames implements AutoCloseable {
    public static final int DEFAULT_WIDTH = 256;

    /** JPEGs by frame index as files NNN.jpg; a frame the decoder never produced is absent. */
    private final Path dir;

    private ShotFrames() throws IOException {
        dir = Files.createTempDirectory("reel-shot-frames");
    }

    /** The middle frame of a shot (its representative picture). */
    public static long middle(ShotList.Shot s) {
        return s.startFrame() + (s.endFrame() - s.startFrame()) / 2;
    }

    public static ShotFrames grab(String input, List<ShotList.Shot> shots, int width) throws IOException {
        NavigableSet<Long> wanted = new TreeSet<>();
        for (ShotList.Shot s : shots) {
            wanted.add(s.startFrame());
            wanted.add(middle(s));
            wanted.add(s.endFrame());
        }
        ShotFrames out = new ShotFrames();
        try {
            out.decode(input, wanted, width);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    private void decode(String input, NavigableSet<Long> wanted, int width) throws IOException {
        ShotFrames out = this;
        if (wanted.isEmpty()) {
            return;
        }
        long last = wanted.last();
        try (Demuxer d = Demuxer.open(input)) {
            int vi = d.bestStream(MediaType.VIDEO);
            if (vi < 0) {
                return;
            }
            d.selectStreams(vi);
            try (VideoDecoder dec = new VideoDecoder(d.stream(vi));
                 Jpeg jpeg = new Jpeg(width)) {
                long index = 0;
                Packet p;
                boolean eof = false;
                while (index <= last) {
                    if (!eof) {
                        p = d.read();
                        if (p == null) {
                            dec.sendEof();
                            eof = true;
                        } else {
                            try {
                                dec.send(p);
                            } finally {
                                p.release();
                            }
                        }
                    }
                    VideoFrame f;
                    boolean any = false;
                    while ((f = dec.receive()) != null) {
                        any = true;
                        try {
                            if (wanted.contains(index)) {
                                byte[] j = jpeg.encode(f);
                                if (j != null) {
                                    Files.write(out.dir.resolve(index + ".jpg"), j);
                                }
                            }
                        } finally {
                            f.release();
                        }
                        index++;
                    }
                    if (eof && !any) {
                        break;
                    }
                }
            }
        }
    }

    /** The JPEG of {@code frame}, or null when there is none. */
    public byte[] jpeg(long frame) {
        Path p = dir.resolve(frame + ".jpg");
        try {
            return Files.exists(p) ? Files.readAllBytes(p) : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    /** Scales to a width (height from the aspect) and encodes a baseline JPEG. */
    private static final class Jpeg implements AutoCloseable {
        private final int width;
        private Scaler scaler;
        private VideoEncoder enc;

        Jpeg(int width) {
            this.width = width;
        }

        byte[] encode(VideoFrame f) {
            if (scaler == null) {
                scaler = new Scaler(Math.min(width, f.width()) & ~1, -2, PixelFormats.YUVJ420P);
            }
            VideoFrame small = scaler.scale(f);
            try {
                if (enc == null) {
                    enc = VideoEncoder.open(new VideoEncoder.Settings().codec("mjpeg").option("qmin", "3").option("qmax", "6"),
                            small.width(), small.height(), small.pixelFormat(), f.timeBase(), new Rational(25, 1));
                }
                enc.send(small);
            } finally {
                small.release();
            }
            Packet p = enc.receive();
            if (p == null) {
                return null;
            }
            try {
                ByteBuffer data = p.data();
                byte[] b = new byte[data.remaining()];
                data.get(b);
                return b;
            } finally {
                p.release();
            }
        }

        @Override
        public void close() {
            if (enc != null) {
                enc.close();
            }
            if (scaler != null) {
                scaler.close();
            }
        }
    }
}
