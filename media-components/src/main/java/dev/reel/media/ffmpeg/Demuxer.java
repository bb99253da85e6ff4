package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

import dev.reel.media.core.AvError;
import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;

/**
 * Reads packets from anything FFmpeg opens: files, {@code "-"} (stdin), udp/rtp/rtsp/http(s)/srt
 * URLs.
 *
 * <p>Blocking I/O is bounded: network inputs get FFmpeg's {@code rw_timeout}/{@code timeout}
 * options, and an interrupt callback aborts any blocking call when {@link #cancel()} was called
 * (from any thread) or a deadline passed (open timeout while opening, read timeout per
 * {@link #read()}). A plain read() of a pipe or stdin blocks in the kernel and is only cancelled
 * when data or EOF arrives.
 *
 * <p>Confined to one thread except {@link #cancel()}. Not re-entrant.
 */
public final class Demuxer implements AutoCloseable {
    static {
        Natives.load();
    }

    /** Open options; all optional (format, raw options and cancel flag: {@link IoOptions}). */
    public static final class Options extends IoOptions<Options> {
        Duration openTimeout;
        Duration readTimeout;

        /** Longest time open() may take, for network inputs (default 15 s); zero disables. */
        public Options openTimeout(Duration d) {
            this.openTimeout = d;
            return this;
        }

        /**
         * Longest time one read() may block (default 15 s for network inputs, none for files and
         * pipes); zero disables. Also passed as FFmpeg's {@code rw_timeout} for network inputs.
         */
        public Options readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }
    }

    private final String url;
    private final String shownUrl;
    private AVFormatContext ctx;
    private final AVPacket scratch;
    private final IoGuard guard;
    private final long readTimeoutNanos;
    private final InputErrors errors;
    private final InputStreams streams = new InputStreams();
    private boolean eof;
    private List<String> unusedOptions = List.of();

    private Demuxer(String url, Options o) {
        this.url = url;
        this.shownUrl = Av.display(url);
        boolean network = Av.isNetwork(url);
        Duration open = IoGuard.timeout(o.openTimeout, network);
        Duration read = IoGuard.timeout(o.readTimeout, network);
        this.readTimeoutNanos = read.toNanos();
        this.guard = new IoGuard(o.cancelFlag);
        this.errors = new InputErrors(shownUrl, guard);
        AVPacket p = av_packet_alloc();
        if (p == null || p.isNull()) {
            guard.release();
            throw new OutOfMemoryError("av_packet_alloc");
        }
        this.scratch = p;
        try {
            open(o, network, open, read);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Opens {@code url} ("-" means stdin). */
    public static Demuxer open(String url) {
        return open(url, new Options());
    }

    public static Demuxer open(String url, Options options) {
        if (url == null || url.isBlank()) {
            throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "no input given");
        }
        return new Demuxer(url.equals("-") ? "pipe:0" : url, options == null ? new Options() : options);
    }

    private void open(Options o, boolean network, Duration openTimeout, Duration readTimeout) {
        AVInputFormat fmt = null;
        if (o.format != null) {
            fmt = av_find_input_format(o.format);
            if (fmt == null || fmt.isNull()) {
                throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "unknown input format '" + o.format + "'");
            }
        }
        Map<String, String> opts = new LinkedHashMap<>(o.avOptions);
        if (network && !readTimeout.isZero()) {
            String micros = Long.toString(readTimeout.toNanos() / 1000);
            opts.putIfAbsent("rw_timeout", micros);
            String scheme = url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT);
            // "timeout" means different things per protocol; these use microseconds for I/O.
            if (scheme.startsWith("http") || scheme.equals("tcp") || scheme.equals("rtsp") || scheme.equals("rtsps")
                    || scheme.equals("udp") || scheme.equals("rtp")) {
                opts.putIfAbsent("timeout", micros);
            }
        }
        AVFormatContext c = avformat_alloc_context();
        if (c == null || c.isNull()) {
            throw new OutOfMemoryError("avformat_alloc_context");
        }
        guard.install(c.interrupt_callback());
        AVDictionary dict = Av.dict(opts);
        guard.arm(openTimeout.toNanos());
        int r;
        try {
            // On failure FFmpeg frees the context itself.
            r = avformat_open_input(c, url, fmt, dict);
            unusedOptions = Av.keys(dict);
        } finally {
            av_dict_free(dict);
        }
        if (r < 0) {
            throw errors.open(r);
        }
        ctx = c;
        if (o.format == null && ctx.iformat() != null && "tty".equals(Av.str(ctx.iformat().name()))) {
            // FFmpeg "decodes" any .txt file as ANSI art; nobody means that.
            throw errors.notMedia();
        }
        r = avformat_find_stream_info(ctx, (AVDictionary) null);
        guard.disarm();
        if (r < 0) {
            throw errors.open(r);
        }
        if (ctx.nb_streams() == 0) {
            throw errors.notMedia();
        }
        streams.refresh(ctx);
    }

    private void checkOpen() {
        if (ctx == null) {
            throw new IllegalStateException("demuxer closed");
        }
    }

    /** All streams, indexed as in the container. */
    public List<StreamInfo> streams() {
        checkOpen();
        return streams.list();
    }

    public StreamInfo stream(int index) {
        checkOpen();
        return streams.list().get(index);
    }

    /** FFmpeg's choice of the main stream of a type (as ffmpeg picks), or -1 if there is none. */
    public int bestStream(MediaType type) {
        checkOpen();
        int r = av_find_best_stream(ctx, type.avMediaType(), -1, -1, (AVCodec) null, 0);
        return r < 0 ? -1 : r;
    }

    /**
     * Reads only these streams; packets of the others are discarded inside FFmpeg (cheaper than
     * dropping them later). Call before reading.
     */
    public void selectStreams(int... indexes) {
        checkOpen();
        streams.select(ctx, shownUrl, indexes);
    }

    /**
     * The next packet, with its stream's time base, or null at end of input. Corrupt packets are
     * returned (flagged) for decoders to do what they can.
     *
     * @throws MediaException on I/O errors, {@link MediaException.Kind#TIMEOUT} when a read blocks
     *     longer than the read timeout, {@link MediaException.Kind#CANCELLED} after cancel()
     */
    public Packet read() {
        checkOpen();
        if (guard.cancelled()) {
            throw errors.interrupted("reading");
        }
        if (eof) {
            return null;
        }
        guard.arm(readTimeoutNanos);
        try {
            int again = 0;
            for (;;) {
                int r = av_read_frame(ctx, scratch);
                if (r >= 0) {
                    Rational tb = streams.timeBaseIfRead(ctx, scratch.stream_index());
                    if (tb == null) {
                        av_packet_unref(scratch);
                        continue;
                    }
                    return Packet.adopt(scratch, tb);
                }
                if (r == AvError.EAGAIN) {
                    if (guard.shouldAbort()) {
                        throw errors.interrupted("reading");
                    }
                    // Non-blocking inputs: back off briefly rather than spin.
                    if (++again > 10) {
                        sleepQuietly();
                    }
                    continue;
                }
                if (r == AVERROR_EXIT || r == AvError.ETIMEDOUT || guard.shouldAbort()) {
                    // Checked before EOF: a stalled live input must not look like its end.
                    throw errors.interrupted("reading");
                }
                if (r == AVERROR_EOF) {
                    eof = true;
                    return null;
                }
                if (r == AVERROR_INVALIDDATA && ctx.pb() != null && !ctx.pb().isNull() && ctx.pb().eof_reached() != 0) {
                    eof = true; // truncated tail: end of what can be read
                    return null;
                }
                throw MediaException.of("read error in " + shownUrl, r);
            }
        } finally {
            guard.disarm();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Seeks to the last keyframe at or before {@code seconds} from the start of the input and
     * returns the absolute presentation time (seconds, container start added) where output
     * should begin: flush decoders and drop frames before it ({@link VideoDecoder#discardBefore})
     * for a frame-exact start.
     */
    public double seek(double seconds) {
        checkOpen();
        long start = ctx.start_time() == AV_NOPTS_VALUE ? 0 : ctx.start_time();
        long ts = start + Math.round(seconds * AV_TIME_BASE);
        int r = guard.guarded(readTimeoutNanos, () -> avformat_seek_file(ctx, -1, Long.MIN_VALUE, ts, ts, 0));
        if (r < 0) {
            throw MediaException.of("cannot seek to " + seconds + " s in " + shownUrl, r);
        }
        eof = false;
        return (double) ts / AV_TIME_BASE;
    }

    /** Aborts blocking I/O now and fails later calls; safe from any thread. */
    public void cancel() {
        guard.cancel();
    }

    public boolean cancelled() {
        return guard.cancelled();
    }

    /** Container duration in seconds, NaN if unknown (live streams). */
    public double durationSeconds() {
        checkOpen();
        long d = ctx.duration();
        return d == AV_NOPTS_VALUE || d <= 0 ? Double.NaN : (double) d / AV_TIME_BASE;
    }

    /** Container start time in seconds (0 if unknown). */
    public double startSeconds() {
        checkOpen();
        long s = ctx.start_time();
        return s == AV_NOPTS_VALUE ? 0 : (double) s / AV_TIME_BASE;
    }

    /** Total bit rate in bit/s from the container, 0 if unknown. */
    public long bitRate() {
        checkOpen();
        return ctx.bit_rate();
    }

    /** Short format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "mpegts". */
    public String formatName() {
        checkOpen();
        return Av.str(ctx.iformat().name());
    }

    public String formatLongName() {
        checkOpen();
        return Av.str(ctx.iformat().long_name());
    }

    public Map<String, String> metadata() {
        checkOpen();
        return Av.map(ctx.metadata());
    }

    /** True if stream {@code index} is marked default (AV_DISPOSITION_DEFAULT) by its container. */
    public boolean isDefault(int index) {
        checkOpen();
        return (ctx.streams(index).disposition() & AV_DISPOSITION_DEFAULT) != 0;
    }

    /** True if stream {@code index} is a still picture attached to the file (cover art), not video. */
    public boolean isAttachedPicture(int index) {
        checkOpen();
        return (ctx.streams(index).disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0;
    }

    /** The container's chapters, in order (empty if it has none). */
    public List<Chapter> chapters() {
        checkOpen();
        return ContainerTags.chapters(ctx);
    }

    /** Options given to open() that FFmpeg did not recognise (ignored). */
    public List<String> unusedOptions() {
        return unusedOptions;
    }

    /** The url as given (or "pipe:0" for "-"). */
    public String url() {
        return url;
    }

    /** Native context for read-only inspection. */
    public AVFormatContext avFormatContext() {
        checkOpen();
        return ctx;
    }

    @Override
    public void close() {
        if (ctx != null) {
            AVFormatContext c = ctx;
            ctx = null;
            avformat_close_input(c);
        }
        if (!scratch.isNull()) {
            av_packet_free(scratch);
        }
        guard.release();
    }
}
