package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import dev.reel.media.core.AvError;
import dev.reel.media.core.MediaException;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;

/**
 * The codec context and send/receive loop shared by the video and audio encoders: allocation,
 * opening with the mapped {@link CodecOptions} (an option no encoder consumed is an error),
 * frame submission, packet draining and freeing. One thread at a time.
 */
final class EncoderCore {
    final AVCodec codec;
    final String name;
    private AVCodecContext ctx;
    private final AVPacket scratch;
    private Rational timeBase;
    private boolean eofSent;
    private boolean drained;

    EncoderCore(AVCodec codec) {
        this.codec = codec;
        this.name = Av.str(codec.name());
        AVCodecContext c = avcodec_alloc_context3(codec);
        AVPacket p = av_packet_alloc();
        if (c == null || c.isNull() || p == null || p.isNull()) {
            if (c != null && !c.isNull()) {
                avcodec_free_context(c);
            }
            if (p != null && !p.isNull()) {
                av_packet_free(p);
            }
            throw new OutOfMemoryError("encoder allocation");
        }
        ctx = c;
        scratch = p;
    }

    /** The context, to configure before {@link #open} and read after; throws once closed. */
    AVCodecContext ctx() {
        if (ctx == null) {
            throw new IllegalStateException("encoder closed");
        }
        return ctx;
    }

    /**
     * Opens the configured context with the settings' header placement and options.
     *
     * @param what the input as shown in the error message, e.g. "640x480 yuv420p"
     */
    void open(EncoderSettings<?> s, String what) {
        AVCodecContext c = ctx();
        if (s.globalHeader) {
            c.flags(c.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        AVDictionary d = Av.dict(CodecOptions.of(name, s));
        int r;
        try {
            r = avcodec_open2(c, codec, d);
            if (r >= 0) {
                List<String> unused = Av.keys(d);
                if (!unused.isEmpty()) {
                    throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "unknown option '" + unused.get(0)
                            + "' for encoder " + name);
                }
            }
        } finally {
            av_dict_free(d);
        }
        if (r < 0) {
            throw MediaException.of("cannot open encoder " + name + " (" + what + ")", r);
        }
        timeBase = Rational.of(c.time_base());
    }

    /** Time base of packets out, as the opened encoder set it. */
    Rational timeBase() {
        return timeBase;
    }

    /** Sends one frame (referenced by the encoder, not taken). */
    void send(AVFrame frame) {
        if (eofSent) {
            throw new IllegalStateException("send after sendEof()");
        }
        int r = avcodec_send_frame(ctx(), frame);
        if (r == AvError.EAGAIN) {
            throw new IllegalStateException("receive() every packet before sending the next frame");
        }
        if (r < 0) {
            throw MediaException.of("encoder " + name + " failed", r);
        }
    }

    /** Signals end of input once; then drain with {@link #receive()}. */
    void sendEof() {
        if (!eofSent) {
            eofSent = true;
            int r = avcodec_send_frame(ctx(), (AVFrame) null);
            if (r < 0 && r != AVERROR_EOF) {
                throw MediaException.of("encoder " + name + " failed to flush", r);
            }
        }
    }

    boolean eofSent() {
        return eofSent;
    }

    /** The next packet (caller owns one reference), or null when more frames are needed / drained. */
    Packet receive() {
        AVCodecContext c = ctx();
        if (drained) {
            return null;
        }
        int r = avcodec_receive_packet(c, scratch);
        if (r >= 0) {
            return Packet.adopt(scratch, timeBase);
        }
        if (r == AvError.EAGAIN) {
            return null;
        }
        if (r == AVERROR_EOF) {
            drained = true;
            return null;
        }
        throw MediaException.of("encoder " + name + " failed", r);
    }

    void close() {
        if (ctx != null && !ctx.isNull()) {
            avcodec_free_context(ctx);
        }
        ctx = null;
        if (!scratch.isNull()) {
            av_packet_free(scratch);
        }
    }
}
