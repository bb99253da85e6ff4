package dev.reel.media.ffmpeg;

import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;

/**
 * Converts text subtitles from one format to another (subrip, ass, mov_text, webvtt), as ffmpeg
 * does: each packet decoded to FFmpeg's ASS form and encoded again, timing kept. Output packets
 * are in milliseconds. One thread at a time.
 */
public final class SubtitleConverter implements AutoCloseable {
    static {
        Natives.load();
    }

    /** Output packet time base. */
    public static final Rational TIME_BASE = new Rational(1, 1000);
    private static final int MAX_PACKET = 1 << 20;

    private AVCodecContext dec;
    private AVCodecContext enc;
    private final AVSubtitle sub = new AVSubtitle();
    private final IntPointer got = new IntPointer(1);
    private final BytePointer buf = new BytePointer(MAX_PACKET);
    private final StreamInfo info;

    /** A converter from {@code source}'s codec to the encoder called {@code codec} (e.g. "mov_text"). */
    public SubtitleConverter(StreamInfo source, String codec) {
        if (source.type() != MediaType.SUBTITLE || !Codecs.isTextSubtitle(source.codecId())) {
            throw new MediaException(MediaException.Kind.UNSUPPORTED, "only text subtitles can be converted, not " + source.codecName());
        }
        AVCodec d = avcodec_find_decoder(source.codecId());
        AVCodec e = avcodec_find_encoder_by_name(codec);
        if (d == null || d.isNull() || e == null || e.isNull()) {
            throw new MediaException(MediaException.Kind.UNSUPPORTED, "cannot convert subtitles " + source.codecName() + " to " + codec);
        }
        try {
            dec = avcodec_alloc_context3(d);
            Av.check(avcodec_parameters_to_context(dec, source.codecParameters()), "bad subtitle parameters");
            source.timeBase().copyTo(dec.pkt_timebase());
            Av.check(avcodec_open2(dec, d, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "cannot open subtitle decoder");
            enc = avcodec_alloc_context3(e);
            enc.time_base().num(1).den(AV_TIME_BASE);
            int n = dec.subtitle_header_size();
            if (n > 0) {
                // The encoders read styles from the ASS header the decoder made (ffmpeg copies it too).
                BytePointer h = new BytePointer(av_mallocz(n + 1));
                Pointer.memcpy(h, dec.subtitle_header(), n);
                enc.subtitle_header(h).subtitle_header_size(n);
            }
            Av.check(avcodec_open2(enc, e, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "cannot open subtitle encoder " + codec);
            info = StreamInfo.of(enc, TIME_BASE, null).withTags(source.tags());
        } catch (RuntimeException ex) {
            close();
            throw ex;
        }
    }

    /** The output stream for a muxer. */
    public StreamInfo streamInfo() {
        return info;
    }

    /**
     * Converts one packet (borrowed); returns the converted packet (caller owns it) or null when
     * it holds no text (damaged or empty).
     */
    public Packet convert(Packet in) {
        int r = avcodec_decode_subtitle2(dec, sub, got, in.avPacket());
        if (r < 0 || got.get() == 0) {
            return null;
        }
        try {
            if (sub.num_rects() == 0) {
                return null;
            }
            long start = sub.pts() == AV_NOPTS_VALUE ? Rational.rescale(in.pts(), in.timeBase(), new Rational(1, AV_TIME_BASE))
                    : sub.pts();
            start += (long) sub.start_display_time() * 1000;
            long durationMs = sub.end_display_time() - sub.start_display_time();
            if (durationMs <= 0 && in.duration() > 0) {
                durationMs = Rational.rescale(in.duration(), in.timeBase(), TIME_BASE);
            }
            sub.pts(start).end_display_time((int) Math.max(0, durationMs)).start_display_time(0);
            int size = avcodec_encode_subtitle(enc, buf, MAX_PACKET, sub);
            if (size <= 0) {
                return null;
            }
            long ms = Math.round(start / 1000.0);
            return Packet.copyOf(ByteBuffer.wrap(bytes(size)), 0, ms, ms, Math.max(0, durationMs), TIME_BASE, true);
        } finally {
            avsubtitle_free(sub);
        }
    }

    private byte[] bytes(int size) {
        byte[] b = new byte[size];
        buf.position(0).get(b, 0, size);
        return b;
    }

    @Override
    public void close() {
        if (dec != null) {
            avcodec_free_context(dec);
            dec = null;
        }
        if (enc != null) {
            avcodec_free_context(enc);
            enc = null;
        }
        got.close();
        buf.close();
    }
}
