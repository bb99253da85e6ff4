package dev.reel.media.frame;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;

/**
 * Immutable description of one elementary stream, carried from demuxer to decoder and muxer,
 * and from encoder to muxer: a private copy of the codec parameters (codec id, extradata, size,
 * sample rate, colour properties, side data such as the display matrix) plus time base and
 * frame rates.
 *
 * <p>Safe to share between threads. The native copy is freed by a {@link Cleaner} when the last
 * holder drops it: descriptors are few (one per stream per file) and small.
 */
public final class StreamInfo {
    static {
        Natives.load();
    }

    private static final Cleaner CLEANER = Cleaner.create();

    private final AVCodecParameters par;
    private final int index;
    private final MediaType type;
    private final String codecName;
    private final Rational timeBase;
    private final Rational avgFrameRate;
    private final Rational realFrameRate;
    private final long duration;
    private final long startTime;
    private final long frameCount;
    private final int rotation;
    private final Map<String, String> tags;

    private StreamInfo(AVCodecParameters source, int index, Rational timeBase, Rational avgFrameRate,
            Rational realFrameRate, long duration, long startTime, long frameCount, Map<String, String> tags) {
        AVCodecParameters copy = allocParameters();
        int r = avcodec_parameters_copy(copy, source);
        if (r < 0) {
            avcodec_parameters_free(copy);
            throw MediaException.of("cannot copy codec parameters", r);
        }
        this.par = copy;
        AVCodecParameters toFree = copy;
        CLEANER.register(this, () -> avcodec_parameters_free(toFree));
        this.index = index;
        this.type = MediaType.of(copy.codec_type());
        BytePointer n = avcodec_get_name(copy.codec_id());
        this.codecName = n == null || n.isNull() ? "none" : n.getString();
        this.timeBase = timeBase;
        this.avgFrameRate = avgFrameRate;
        this.realFrameRate = realFrameRate;
        this.duration = duration;
        this.startTime = startTime;
        this.frameCount = frameCount;
        this.rotation = CodecSideData.rotation(copy);
        this.tags = Map.copyOf(tags);
    }

    /** Describes a demuxer's stream. */
    public static StreamInfo of(AVStream st) {
        return new StreamInfo(st.codecpar(), st.index(), Rational.of(st.time_base()), Rational.of(st.avg_frame_rate()),
                Rational.of(st.r_frame_rate()), st.duration(), st.start_time(), st.nb_frames(), dict(st.metadata()));
    }

    /** Describes an opened encoder's output (index 0 until a muxer assigns one). */
    public static StreamInfo of(AVCodecContext encoder, Rational timeBase, Rational frameRate) {
        AVCodecParameters tmp = allocParameters();
        try {
            int r = avcodec_parameters_from_context(tmp, encoder);
            if (r < 0) {
                throw MediaException.of("cannot read encoder parameters", r);
            }
            Rational fr = frameRate == null ? Rational.UNKNOWN : frameRate;
            return new StreamInfo(tmp, 0, timeBase, fr, fr, AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0, Map.of());
        } finally {
            avcodec_parameters_free(tmp);
        }
    }

    /**
     * Same stream with the display matrix set to {@code degrees} clockwise (0 removes it): lets a
     * muxer tag re-encoded video for players to rotate instead of transposing pixels.
     */
    public StreamInfo withRotation(int degrees) {
        return withParameters(p -> CodecSideData.setRotation(p, degrees));
    }

    /** Same stream with these tags (language, title...) instead of its own. */
    public StreamInfo withTags(Map<String, String> newTags) {
        return new StreamInfo(par, index, timeBase, avgFrameRate, realFrameRate, duration, startTime, frameCount, newTags);
    }

    /**
     * Same stream with {@code from}'s stream-level side data of these AV_PKT_DATA_* types added
     * (replacing its own of the same type): HDR mastering display and light level carried from a
     * source to its re-encoding.
     */
    public StreamInfo withSideDataFrom(StreamInfo from, int... types) {
        AVCodecParameters src = from.par;
        boolean any = false;
        for (int t : types) {
            any |= CodecSideData.get(src, t) != null;
        }
        if (!any) {
            return this;
        }
        return withParameters(p -> {
            for (int t : types) {
                AVPacketSideData sd = CodecSideData.get(src, t);
                if (sd != null) {
                    CodecSideData.put(p, t, sd.data(), sd.size());
                }
            }
        });
    }

    /** Same stream with stream-level side data of this AV_PKT_DATA_* type set to a copy of {@code size} bytes at {@code data}. */
    public StreamInfo withSideData(int type, Pointer data, long size) {
        return withParameters(p -> CodecSideData.put(p, type, data, size));
    }

    /** True if the stream carries side data of this AV_PKT_DATA_* type (e.g. HDR mastering display). */
    public boolean hasSideData(int type) {
        return CodecSideData.get(par, type) != null;
    }

    /** Same stream with these codec headers (extradata), e.g. an AAC AudioSpecificConfig for MP4. */
    public StreamInfo withExtradata(byte[] data) {
        return withParameters(p -> {
            BytePointer old = p.extradata();
            if (old != null && !old.isNull()) {
                av_free(old);
            }
            BytePointer b = new BytePointer(av_mallocz(data.length + AV_INPUT_BUFFER_PADDING_SIZE));
            b.put(data, 0, data.length);
            p.extradata(b).extradata_size(data.length);
        });
    }

    /** Same stream with a copy of its codec parameters changed by {@code edit}. */
    private StreamInfo withParameters(Consumer<AVCodecParameters> edit) {
        AVCodecParameters tmp = allocParameters();
        try {
            int r = avcodec_parameters_copy(tmp, par);
            if (r < 0) {
                throw MediaException.of("cannot copy codec parameters", r);
            }
            edit.accept(tmp);
            return new StreamInfo(tmp, index, timeBase, avgFrameRate, realFrameRate, duration, startTime, frameCount, tags);
        } finally {
            avcodec_parameters_free(tmp);
        }
    }

    private static AVCodecParameters allocParameters() {
        AVCodecParameters p = avcodec_parameters_alloc();
        if (p == null || p.isNull()) {
            throw new OutOfMemoryError("avcodec_parameters_alloc");
        }
        return p;
    }

    private static Map<String, String> dict(AVDictionary d) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        if (d == null || d.isNull()) {
            return out;
        }
        AVDictionaryEntry e = null;
        while ((e = av_dict_iterate(d, e)) != null && !e.isNull()) {
            out.put(e.key().getString(), e.value().getString());
        }
        return out;
    }

    /** Position in its container (or 0 for an encoder's output). */
    public int index() {
        return index;
    }

    public MediaType type() {
        return type;
    }

    /** FFmpeg codec name: "h264", "aac", "hevc"... */
    public String codecName() {
        return codecName;
    }

    /** An AV_CODEC_ID_* value. */
    public int codecId() {
        return par.codec_id();
    }

    public Rational timeBase() {
        return timeBase;
    }

    /** Average frame rate (may be 0/0 when unknown or variable). */
    public Rational avgFrameRate() {
        return avgFrameRate;
    }

    /** FFmpeg's "real base frame rate" guess (r_frame_rate). */
    public Rational realFrameRate() {
        return realFrameRate;
    }

    /** The best frame-rate guess: average, else real base rate, else 0/1. */
    public Rational frameRate() {
        if (avgFrameRate.isValid()) {
            return avgFrameRate;
        }
        return realFrameRate.isValid() ? realFrameRate : Rational.UNKNOWN;
    }

    /** Duration in {@link #timeBase()} units, or {@link Rational#NO_PTS} if unknown. */
    public long duration() {
        return duration;
    }

    public double durationSeconds() {
        return timeBase.seconds(duration);
    }

    public long startTime() {
        return startTime;
    }

    /** Frames according to the container header (0 if unknown). */
    public long frameCount() {
        return frameCount;
    }

    public int width() {
        return par.width();
    }

    public int height() {
        return par.height();
    }

    /** AV_PIX_FMT_* for video, AV_SAMPLE_FMT_* for audio (codecpar.format). */
    public int format() {
        return par.format();
    }

    public Rational sampleAspectRatio() {
        return Rational.of(par.sample_aspect_ratio());
    }

    public int sampleRate() {
        return par.sample_rate();
    }

    public int channels() {
        return par.ch_layout().nb_channels();
    }

    public long bitRate() {
        return par.bit_rate();
    }

    /** Degrees (0, 90, 180, 270) to rotate the stored picture clockwise for upright display. */
    public int rotation() {
        return rotation;
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** Read-only native codec parameters, for native consumers (decoders, muxers). */
    public AVCodecParameters codecParameters() {
        return par;
    }

    @Override
    public String toString() {
        if (type == MediaType.VIDEO) {
            return "#" + index + " video " + codecName + " " + width() + "x" + height() + " @" + frameRate() + " tb=" + timeBase
                    + (rotation != 0 ? " rotate=" + rotation : "");
        }
        if (type == MediaType.AUDIO) {
            return "#" + index + " audio " + codecName + " " + sampleRate() + "Hz " + channels() + "ch tb=" + timeBase;
        }
        return "#" + index + " " + type.name().toLowerCase(Locale.ROOT) + " " + codecName;
    }
}
