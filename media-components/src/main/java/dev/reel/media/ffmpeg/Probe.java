package dev.reel.media.ffmpeg;

import dev.reel.media.core.Natives;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.BytePointer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;

/** What is in a media file or stream: container, duration, streams. Printable as JSON. */
public final class Probe {
    static {
        Natives.load();
    }

    private Probe() {
    }

    /** The whole result. Absent values are null (omitted from JSON). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String url, String format, String formatLongName, Double durationSeconds, Double startSeconds,
            Long bitRate, Long sizeBytes, Map<String, String> tags, List<Stream> streams) {
    }

    /**
     * One stream. {@code frameRate} is the average rate as a number; {@code frameCount} comes from
     * the container header ("header"), by counting packets ("packets") or from duration x rate
     * ("estimate"), as {@code frameCountMethod} says.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stream(int index, String type, String codec, String codecLongName, String profile, Long bitRate,
            Double durationSeconds, String timeBase,
            Integer width, Integer height, String pixelFormat, String sampleAspectRatio, Double frameRate,
            String avgFrameRate, String realFrameRate, Long frameCount, String frameCountMethod, Integer rotation,
            Integer sampleRate, Integer channels, String channelLayout, String sampleFormat,
            String language, Boolean attachedPicture, Map<String, String> tags) {
    }

    /** Probes from headers only (fast; frame counts from headers or estimated). */
    public static Result probe(String url) {
        return probe(url, false);
    }

    /**
     * @param countPackets when a container has no frame count, read the whole input (no
     *     decoding) and count packets: exact for video, but a full read of the file
     */
    public static Result probe(String url, boolean countPackets) {
        try (Demuxer d = Demuxer.open(url)) {
            AVFormatContext ctx = d.avFormatContext();
            List<StreamInfo> infos = d.streams();
            long[] counted = null;
            if (countPackets && infos.stream().anyMatch(s -> s.type() == MediaType.VIDEO && s.frameCount() <= 0)) {
                counted = new long[infos.size()];
                Packet p;
                while ((p = d.read()) != null) {
                    if (p.streamIndex() < counted.length) {
                        counted[p.streamIndex()]++;
                    }
                    p.release();
                }
            }
            List<Stream> streams = new ArrayList<>();
            for (StreamInfo s : infos) {
                streams.add(stream(ctx.streams(s.index()), s, counted == null ? -1 : counted[s.index()], d.durationSeconds()));
            }
            Long size = null;
            if (ctx.pb() != null && !ctx.pb().isNull()) {
                long n = org.bytedeco.ffmpeg.global.avformat.avio_size(ctx.pb());
                size = n > 0 ? n : null;
            }
            double dur = d.durationSeconds();
            long br = d.bitRate();
            Map<String, String> tags = d.metadata();
            return new Result(d.url(), d.formatName(), d.formatLongName(), Double.isNaN(dur) ? null : dur,
                    d.startSeconds(), br > 0 ? br : null, size, tags.isEmpty() ? null : tags, streams);
        }
    }

    private static Stream stream(AVStream st, StreamInfo s, long counted, double containerDuration) {
        AVCodecParameters par = s.codecParameters();
        AVCodecDescriptor desc = avcodec_descriptor_get(par.codec_id());
        String longName = desc == null || desc.isNull() ? null : Av.str(desc.long_name());
        BytePointer prof = avcodec_profile_name(par.codec_id(), par.profile());
        String profile = prof == null || prof.isNull() ? null : prof.getString();
        Double dur = s.duration() != AV_NOPTS_VALUE && s.duration() > 0 ? s.durationSeconds() : null;
        Map<String, String> tags = s.tags();
        boolean video = s.type() == MediaType.VIDEO;
        boolean audio = s.type() == MediaType.AUDIO;
        Long frames = null;
        String method = null;
        if (video || audio) {
            if (s.frameCount() > 0) {
                frames = s.frameCount();
                method = "header";
            } else if (counted >= 0) {
                frames = counted;
                method = "packets";
            } else if (video && s.avgFrameRate().isValid()) {
                double d = dur != null ? dur : containerDuration;
                if (!Double.isNaN(d)) {
                    frames = Math.round(d * s.avgFrameRate().toDouble());
                    method = "estimate";
                }
            }
        }
        String layout = null;
        String sampleFormat = null;
        if (audio) {
            byte[] buf = new byte[128];
            if (av_channel_layout_describe(par.ch_layout(), buf, buf.length) > 0) {
                int n = 0;
                while (n < buf.length && buf[n] != 0) {
                    n++;
                }
                layout = new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
            }
            BytePointer f = av_get_sample_fmt_name(par.format());
            sampleFormat = f == null || f.isNull() ? null : f.getString();
        }
        String pixFmt = null;
        if (video && par.format() >= 0) {
            BytePointer f = av_get_pix_fmt_name(par.format());
            pixFmt = f == null || f.isNull() ? null : f.getString();
        }
        Rational sar = s.sampleAspectRatio();
        boolean attached = (st.disposition() & org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC) != 0;
        return new Stream(s.index(), s.type().name().toLowerCase(java.util.Locale.ROOT), s.codecName(), longName, profile,
                par.bit_rate() > 0 ? par.bit_rate() : null, dur, s.timeBase().toString(),
                video ? par.width() : null, video ? par.height() : null, pixFmt,
                video && sar.isValid() ? sar.num() + ":" + sar.den() : null,
                video && s.avgFrameRate().isValid() ? round3(s.avgFrameRate().toDouble()) : null,
                video ? s.avgFrameRate().toString() : null, video ? s.realFrameRate().toString() : null,
                frames, method, video && s.rotation() != 0 ? s.rotation() : null,
                audio ? par.sample_rate() : null, audio ? par.ch_layout().nb_channels() : null, layout, sampleFormat,
                tags.get("language"), attached ? Boolean.TRUE : null, tags.isEmpty() ? null : tags);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Pretty JSON for a CLI. */
    public static String toJson(Result r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
