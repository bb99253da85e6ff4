package dev.reel.media.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;

import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.ffmpeg.VideoEncoder;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;

/**
 * The video of a frame-exact export. Packets arrive already moved onto the output timeline
 * (seconds from the first exported frame) and decoding starts at the key frame before the start.
 *
 * <p>Splice: the frames from the start to the next key frame are re-encoded, the rest is copied.
 * Only done where the joint is safe: MPEG-TS output (parameter sets travel in-band, so the copied
 * part brings its own), H.264 or HEVC, and no frame reordering in the source (then no copied frame
 * refers to one after the end, so the tail is copied up to the end as is, and the re-encoded head,
 * made without B-frames, has timestamps below the first copied one). Otherwise the whole range is
 * re-encoded.
 */
final class ExactCut implements AutoCloseable {
    /** Timestamps are rounded to microseconds on the way: closer than this is the same instant. */
    private static final double EPS = 1e-3;
    private final Muxer mux;
    private final int stream;
    private final boolean splice;
    private final VideoDecoder decoder;
    private final VideoEncoder encoder;
    private boolean copying;
    private long reencoded;

    /** True when re-encoded and copied video can be joined in this output (see the class comment). */
    static boolean canSplice(String outputFormat, StreamInfo video, boolean reorders) {
        return "mpegts".equals(outputFormat) && !reorders
                && (video.codecId() == AV_CODEC_ID_H264 || video.codecId() == AV_CODEC_ID_HEVC);
    }

    ExactCut(Muxer mux, StreamInfo video, boolean splice, boolean globalHeader) {
        this.mux = mux;
        this.splice = splice;
        VideoEncoder.Settings s = new VideoEncoder.Settings()
                .codec(video.codecId() == AV_CODEC_ID_HEVC ? "hevc" : "h264").crf(18).preset("veryfast")
                .globalHeader(!splice && globalHeader);
        if (splice) {
            s.option("bf", "0"); // encoder DTS = PTS, so the head ends before the first copied packet
        }
        this.decoder = new VideoDecoder(video);
        try {
            this.encoder = VideoEncoder.open(s, video, video.width(), video.height(), video.format());
        } catch (RuntimeException e) {
            decoder.close();
            throw e;
        }
        this.stream = mux.addStream(splice ? video : encoder.streamInfo());
    }

    /** Output stream index. */
    int stream() {
        return stream;
    }

    /**
     * One video packet on the output timeline. {@code end} is the output time where the export
     * ends; frames before 0 or at/after it are decoded but not written.
     */
    void video(Packet p, double end) {
        if (splice && !copying && p.keyFrame() && p.seconds() >= -EPS) {
            drain(end); // the head is complete: from here on stream copy
            copying = true;
        }
        if (copying) {
            if (p.seconds() < end - EPS) {
                mux.write(p, stream);
            }
            return;
        }
        decoder.send(p);
        VideoFrame f;
        while ((f = decoder.receive()) != null) {
            encode(f, end);
        }
    }

    private void encode(VideoFrame f, double end) {
        try {
            double t = f.seconds();
            if (t >= -EPS && t < end - EPS) {
                encoder.send(f);
                reencoded++;
                writeEncoded();
            }
        } finally {
            f.release();
        }
    }

    private void writeEncoded() {
        Packet q;
        while ((q = encoder.receive()) != null) {
            try {
                mux.write(q, stream);
            } finally {
                q.release();
            }
        }
    }

    private void drain(double end) {
        decoder.sendEof();
        VideoFrame f;
        while ((f = decoder.receive()) != null) {
            encode(f, end);
        }
        encoder.sendEof();
        writeEncoded();
    }

    /** Writes what the decoder and encoder still hold. */
    void finish(double end) {
        if (!copying) {
            drain(end);
        }
    }

    /** Frames re-encoded (the rest was copied). */
    long reencodedFrames() {
        return reencoded;
    }

    boolean spliced() {
        return splice;
    }

    @Override
    public void close() {
        decoder.close();
        encoder.close();
    }
}
