package dev.reel.media.ffmpeg;

import dev.reel.media.core.AvError;

import dev.reel.media.core.MediaException;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;

/**
 * The codec context and send/receive loop shared by the video and audio decoders: opening,
 * damaged-input counting, end of stream, flushing, the closed state and stream-time conversion.
 * One thread at a time.
 */
final class DecoderCore {
    static final int FF_THREAD_FRAME = 1;
    static final int FF_THREAD_SLICE = 2;
    static final int AV_FRAME_FLAG_CORRUPT = 1;

    final AVCodecContext ctx;
    final AVFrame scratch;
    final Rational timeBase;
    final String name;
    long corruptPackets;
    long corruptFrames;
    long frames;
    boolean eofSent;
    boolean drained;
    private boolean closed;

    DecoderCore(StreamInfo stream, int threads, java.util.Map<String, String> options) {
        AVCodec codec = avcodec_find_decoder(stream.codecId());
        if (codec == null || codec.isNull()) {
            throw new MediaException(MediaException.Kind.UNSUPPORTED, "no decoder for codec '" + stream.codecName() + "'");
        }
        name = Av.str(codec.name());
        AVCodecContext c = avcodec_alloc_context3(codec);
        if (c == null || c.isNull()) {
            throw new OutOfMemoryError("avcodec_alloc_context3");
        }
        AVFrame f = av_frame_alloc();
        if (f == null || f.isNull()) {
            avcodec_free_context(c);
            throw new OutOfMemoryError("av_frame_alloc");
        }
        ctx = c;
        scratch = f;
        timeBase = stream.timeBase();
        try {
            Av.check(avcodec_parameters_to_context(ctx, stream.codecParameters()), "bad codec parameters for " + name);
            // Decoder timestamps stay in the stream's time base (no rescaling, VFR kept).
            timeBase.copyTo(ctx.pkt_timebase());
            ctx.thread_count(threads);
            ctx.thread_type(FF_THREAD_FRAME | FF_THREAD_SLICE);
            AVDictionary d = Av.dict(options);
            int r;
            try {
                r = avcodec_open2(ctx, codec, d);
            } finally {
                av_dict_free(d);
            }
            if (r < 0) {
                throw MediaException.of("cannot open " + name + " decoder", r);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Returns false for a packet the decoder rejected (counted, not fatal). */
    boolean send(Packet p) {
        checkOpen();
        if (eofSent) {
            throw new IllegalStateException("send after end of stream; flush() first");
        }
        int r = avcodec_send_packet(ctx, p.avPacket());
        if (r >= 0) {
            return true;
        }
        if (r == AvError.EAGAIN) {
            throw new IllegalStateException("receive() every frame before sending the next packet");
        }
        if (r == AvError.ENOMEM) {
            throw new OutOfMemoryError(name + " decoder: out of memory");
        }
        corruptPackets++;
        return false;
    }

    void sendEof() {
        checkOpen();
        if (!eofSent) {
            eofSent = true;
            int r = avcodec_send_packet(ctx, (org.bytedeco.ffmpeg.avcodec.AVPacket) null);
            if (r < 0 && r != AVERROR_EOF) {
                drained = true;
            }
        }
    }

    /**
     * Receives into {@link #scratch}: true with a frame (pts = best effort timestamp), false when
     * more input is needed or everything was drained. Decoding errors are counted and skipped.
     */
    boolean receive() {
        checkOpen();
        if (drained) {
            return false;
        }
        for (int errors = 0;;) {
            int r = avcodec_receive_frame(ctx, scratch);
            if (r >= 0) {
                if ((scratch.flags() & AV_FRAME_FLAG_CORRUPT) != 0 || scratch.decode_error_flags() != 0) {
                    corruptFrames++;
                }
                scratch.pts(scratch.best_effort_timestamp());
                frames++;
                return true;
            }
            if (r == AvError.EAGAIN) {
                return false;
            }
            if (r == AVERROR_EOF) {
                drained = true;
                return false;
            }
            if (r == AvError.ENOMEM) {
                throw new OutOfMemoryError(name + " decoder: out of memory");
            }
            corruptPackets++;
            if (++errors > 64) {
                return false;
            }
        }
    }

    void flush() {
        checkOpen();
        avcodec_flush_buffers(ctx);
        av_frame_unref(scratch);
        eofSent = false;
        drained = false;
    }

    /**
     * {@code seconds} (absolute presentation time, as {@link Demuxer#seek} returns it) as a
     * timestamp of this stream, rounded up; NaN gives no timestamp.
     */
    long streamTime(double seconds) {
        return Double.isNaN(seconds) ? AV_NOPTS_VALUE : (long) Math.ceil(seconds * timeBase.den() / timeBase.num() - 1e-6);
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("decoder closed");
        }
    }

    /** Idempotent; frames already handed out stay valid (their buffers outlive the decoder). */
    void close() {
        closed = true;
        if (!scratch.isNull()) {
            av_frame_free(scratch);
        }
        if (!ctx.isNull()) {
            avcodec_free_context(ctx);
        }
    }
}
