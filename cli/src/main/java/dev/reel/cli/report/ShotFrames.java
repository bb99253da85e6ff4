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
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The first, middle and last frame of every shot as small JPEGs, from one more sequential decode of
 * the input (frames counted in presentation order, as the shot list counts them). Only the wanted
 * frames are scaled and encoded, and only their JPEG bytes are kept: a few kilobytes per shot.
 */
public final class ShotFrames {
    public static final int DEFAULT_WIDTH = 256;

    /** JPEG bytes by frame index; a frame the decoder never produced is absent. */
    private final Map<Long, byte[]> jpegs = new HashMap<>();

    private ShotFrames() {
    }

    /** The middle frame of a shot (its representative picture). */
    public static long middle(ShotList.Shot s) {
        return s.startFrame() + (s.endFrame() - s.startFrame()) / 2;
    }

    public static ShotFrames grab(String input, List<ShotList.Shot> shots, int width) {
        NavigableSet<Long> wanted = new TreeSet<>();
        for (ShotList.Shot s : shots) {
            wanted.add(s.startFrame());
            wanted.add(middle(s));
            wanted.add(s.endFrame());
        }
        ShotFrames out = new ShotFrames();
        if (wanted.isEmpty()) {
            return out;
        }
        long last = wanted.last();
        try (Demuxer d = Demuxer.open(input)) {
            int vi = d.bestStream(MediaType.VIDEO);
            if (vi < 0) {
                return out;
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
                                out.jpegs.put(index, jpeg.encode(f));
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
        return out;
    }

    public byte[] jpeg(long frame) {
        return jpegs.get(frame);
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
