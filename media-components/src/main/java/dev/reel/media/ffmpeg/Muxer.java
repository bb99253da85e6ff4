package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

import dev.reel.media.core.AvError;
import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;

/**
 * Writes packets into a container: mp4/mov, mkv, webm, mpegts, ... to a file, {@code "-"}
 * (stdout) or a network URL.
 *
 * <p>Files are written to {@code .<name>.part} next to the target ({@link PartFile}) and
 * renamed over the target only by {@link #finish()}, so a failed or interrupted run never leaves
 * a truncated file under the real name. {@link #close()} without finish() (an exception in a try-with-resources block)
 * aborts: the temporary file is deleted.
 *
 * <p>MP4 files get {@code movflags=+faststart}; MP4 to a pipe or network is fragmented (the index
 * cannot be written at the end of a non-seekable output); {@link Options#fragmented} makes
 * files crash-safe the same way. Packets are interleaved by FFmpeg
 * ({@code av_interleaved_write_frame}) and rescaled to each stream's time base.
 *
 * <p>One thread at a time, except {@link #cancel()}.
 */
public final class Muxer implements AutoCloseable {
    static {
        Natives.load();
    }

    /** Output options; all optional (format, raw options and cancel flag: {@link IoOptions}). */
    public static final class Options extends IoOptions<Options> {
        boolean fragmented;
        Duration writeTimeout;
        final Map<String, String> metadata = new LinkedHashMap<>();
        final List<Chapter> chapters = new ArrayList<>();

        /** Container tags (title, creation_time...), as ffmpeg copies them from its input. */
        public Options metadata(Map<String, String> tags) {
            metadata.putAll(tags);
            return this;
        }

        /** Chapters to write (containers without chapters ignore them). */
        public Options chapters(List<Chapter> list) {
            chapters.addAll(list);
            return this;
        }

        /** Fragmented MP4 (playable after a crash, streamable); ignored for other formats. */
        public Options fragmented(boolean fragmented) {
            this.fragmented = fragmented;
            return this;
        }

        /** Longest a network write may block (default 15 s); zero disables. */
        public Options writeTimeout(Duration d) {
            this.writeTimeout = d;
            return this;
        }
    }

    private final String shown;
    /** The file written and renamed when done; null for pipes, network and no-file outputs. */
    private final PartFile file;
    private final AVOutputFormat format;
    private final IoGuard guard;
    private final long writeTimeoutNanos;
    private final Map<String, String> headerOptions;
    private final Map<String, String> metadata;
    private final List<Chapter> chapters;
    private AVFormatContext ctx;
    private final AVPacket scratch;
    private final List<Rational> timeBases = new ArrayList<>();
    private final Set<MediaType> defaultMarked = EnumSet.noneOf(MediaType.class);
    private final OutputTimestamps timestamps;
    private boolean headerWritten;
    private boolean finished;
    private boolean failed;

    private Muxer(String target, Options o) {
        this.guard = new IoGuard(o.cancelFlag);
        String url = target.equals("-") ? "pipe:1" : target;
        boolean pipe = OutputFormats.isPipe(url);
        boolean network = Av.isNetwork(url);
        this.shown = Av.display(url);
        AVOutputFormat of = OutputFormats.guess(url, o.format);
        if (of == null) {
            guard.release();
            throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, o.format != null ? "unknown output format '" + o.format + "'"
                    : "cannot tell the output format from '" + shown + "' (use a known extension or give a format)");
        }
        this.format = of;
        this.timestamps = new OutputTimestamps(of.flags());
        boolean noFile = (of.flags() & AVFMT_NOFILE) != 0;
        this.file = !pipe && !network && !noFile ? new PartFile(url.startsWith("file:") ? url.substring(5) : url) : null;
        this.writeTimeoutNanos = IoGuard.timeout(o.writeTimeout, network).toNanos();
        Map<String, String> opts = new LinkedHashMap<>(o.avOptions);
        OutputFormats.putDefaults(opts, Av.str(of.name()), pipe || network, o.fragmented);
        this.headerOptions = opts;
        this.metadata = Map.copyOf(o.metadata);
        this.chapters = List.copyOf(o.chapters);
        AVPacket p = av_packet_alloc();
        if (p == null || p.isNull()) {
            guard.release();
            throw new OutOfMemoryError("av_packet_alloc");
        }
        this.scratch = p;
        try {
            if (file != null) {
                file.checkDirectory();
            }
            openOutput(file != null ? file.temp.toString() : url, noFile);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    private void openOutput(String writeUrl, boolean noFile) {
        AVFormatContext c = new AVFormatContext(null);
        int r = avformat_alloc_output_context2(c, format, (String) null, writeUrl);
        if (r < 0 || c.isNull()) {
            throw MediaException.of("cannot create output " + shown, r < 0 ? r : AvError.ENOMEM);
        }
        ctx = c;
        guard.install(ctx.interrupt_callback());
        if (noFile) {
            return;
        }
        AVIOContext pb = new AVIOContext(null);
        r = guard.guarded(writeTimeoutNanos, () -> avio_open2(pb, writeUrl, AVIO_FLAG_WRITE, ctx.interrupt_callback(), (AVDictionary) null));
        if (r < 0) {
            if (r == AvError.EACCES) {
                throw new MediaException(MediaException.Kind.PERMISSION, "permission denied: " + shown, r);
            }
            throw MediaException.of("cannot write " + shown, r);
        }
        ctx.pb(pb);
    }

    /** Opens {@code target} ("-" = stdout), format from its extension. */
    public static Muxer open(String target) {
        return open(target, new Options());
    }

    public static Muxer open(String target, Options options) {
        if (target == null || target.isBlank()) {
            throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "no output given");
        }
        return new Muxer(target, options == null ? new Options() : options);
    }

    /**
     * The short name of the container {@code target} will be written as ("mp4", "mov",
     * "matroska", "webm", "mpegts"...), from {@code format} or the extension (matroska for "-"),
     * or null if it cannot be told.
     */
    public static String formatName(String target, String format) {
        AVOutputFormat of = OutputFormats.guess(target, format);
        return of == null ? null : Av.str(of.name());
    }

    /**
     * True if the container {@code formatName} can hold this codec (AV_CODEC_ID_*), or does not say
     * (MPEG-TS keeps no list: the caller's own list decides there).
     */
    public static boolean canHold(String formatName, int codecId) {
        Natives.load();
        AVOutputFormat of = av_guess_format(formatName, null, null);
        return of != null && !of.isNull() && avformat_query_codec(of, codecId, FF_COMPLIANCE_NORMAL) != 0;
    }

    /**
     * True if this output wants codec headers out of band (encoders: {@code globalHeader(true)}):
     * mp4, mkv, webm yes; mpegts no.
     */
    public static boolean needsGlobalHeader(String target, String format) {
        AVOutputFormat of = OutputFormats.guess(target, format);
        return of != null && (of.flags() & AVFMT_GLOBALHEADER) != 0;
    }

    /**
     * Adds a stream (before the first write): an encoder's {@link VideoEncoder#streamInfo()} or a
     * demuxer's stream for stream copy. Returns its index for {@link #write}.
     */
    public int addStream(StreamInfo info) {
        checkOpen();
        if (headerWritten) {
            throw new IllegalStateException("addStream after the first write");
        }
        int supported = avformat_query_codec(format, info.codecId(), FF_COMPLIANCE_NORMAL);
        if (supported == 0) {
            throw new MediaException(MediaException.Kind.UNSUPPORTED, "format " + formatName() + " cannot hold " + info.codecName()
                    + (info.type() == MediaType.AUDIO ? " audio" : "") + " (re-encode it)");
        }
        AVStream st = avformat_new_stream(ctx, null);
        if (st == null || st.isNull()) {
            throw new OutOfMemoryError("avformat_new_stream");
        }
        OutputStreamSetup.describe(st, info, formatName());
        if (defaultMarked.add(info.type())) {
            st.disposition(st.disposition() | AV_DISPOSITION_DEFAULT); // the first of each kind plays by default, as ffmpeg marks
        }
        timeBases.add(info.timeBase());
        timestamps.addStream();
        return st.index();
    }

    /** Writes the container header now (done automatically by the first write). */
    public void writeHeader() {
        checkOpen();
        if (headerWritten) {
            return;
        }
        if (timeBases.isEmpty()) {
            throw new IllegalStateException("no streams added to " + shown);
        }
        ContainerTags.write(ctx, metadata, chapters);
        AVDictionary d = Av.dict(headerOptions);
        int r;
        guard.arm(writeTimeoutNanos);
        try {
            r = avformat_write_header(ctx, d); // also fills in the streams' final time bases
            if (r >= 0 && !Av.keys(d).isEmpty()) {
                failed = true;
                throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "unknown option '" + Av.keys(d).get(0)
                        + "' for format " + formatName());
            }
        } finally {
            guard.disarm();
            av_dict_free(d);
        }
        if (r < 0) {
            failed = true;
            throw MediaException.of("cannot write " + formatName() + " header to " + shown, r);
        }
        headerWritten = true;
        for (int i = 0; i < timeBases.size(); i++) {
            timeBases.set(i, Rational.of(ctx.streams(i).time_base()));
        }
    }

    /**
     * Writes a packet to output stream {@code stream} (borrowed: the caller still releases it).
     * Timestamps are rescaled from the packet's time base; decreasing DTS are nudged forward
     * (as ffmpeg does) rather than failing the whole file.
     */
    public void write(Packet packet, int stream) {
        checkOpen();
        if (!headerWritten) {
            writeHeader();
        }
        if (stream < 0 || stream >= timeBases.size()) {
            throw new IndexOutOfBoundsException("no output stream " + stream);
        }
        Rational src = packet.timeBase();
        Rational dst = timeBases.get(stream);
        if (!src.isValid()) {
            throw new IllegalArgumentException("packet without time base: " + packet);
        }
        Av.check(av_packet_ref(scratch, packet.avPacket()), "cannot reference packet");
        long pts = Rational.rescale(packet.pts(), src, dst);
        long dts = Rational.rescale(packet.dts(), src, dst);
        timestamps.apply(scratch, stream, pts, dts);
        scratch.stream_index(stream).duration(Rational.rescale(packet.duration(), src, dst)).pos(-1);
        int r;
        try {
            r = guard.guarded(writeTimeoutNanos, () -> av_interleaved_write_frame(ctx, scratch)); // takes the reference
        } finally {
            av_packet_unref(scratch);
        }
        if (r < 0) {
            failed = true;
            if (r == AVERROR_EXIT) {
                throw new MediaException(guard.cancelled() ? MediaException.Kind.CANCELLED : MediaException.Kind.TIMEOUT,
                        (guard.cancelled() ? "cancelled writing " : "timed out writing ") + shown, r);
            }
            throw MediaException.of("cannot write to " + shown, r);
        }
    }

    /**
     * Completes the output: flushes interleaving queues, writes the trailer (index), closes the
     * file and renames it over the target. After a write error, aborts instead and throws.
     */
    public void finish() {
        checkOpen();
        if (failed) {
            abort();
            throw new MediaException(MediaException.Kind.IO, "output " + shown + " was not completed after an error");
        }
        try {
            if (!headerWritten) {
                writeHeader();
            }
            int r = guard.guarded(writeTimeoutNanos, () -> av_write_trailer(ctx));
            if (r < 0) {
                throw MediaException.of("cannot finish " + shown, r);
            }
            closeIo();
            if (file != null) {
                file.commit();
            }
        } catch (IOException e) {
            abort();
            throw new MediaException(MediaException.Kind.IO, "cannot rename " + file.temp + " to " + file.target + ": " + e.getMessage());
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
        finished = true;
        freeContext();
    }

    /** Stops without completing: closes and deletes the temporary file. Idempotent. */
    public void abort() {
        closeIo();
        freeContext();
        if (file != null && !finished) {
            file.discard();
        }
    }

    /** Aborts blocking network writes; safe from any thread. The output is then abort()ed by close(). */
    public void cancel() {
        guard.cancel();
    }

    /** Short format name: "mp4", "matroska", "webm", "mpegts"... */
    public String formatName() {
        return Av.str(format.name());
    }

    /** The final path for file outputs, null for pipes and network outputs. */
    public Path target() {
        return file == null ? null : file.target;
    }

    /** True once {@link #finish()} completed. */
    public boolean finished() {
        return finished;
    }

    private void checkOpen() {
        if (ctx == null) {
            throw new IllegalStateException(finished ? "muxer already finished" : "muxer closed");
        }
    }

    private void closeIo() {
        if (ctx != null && (format.flags() & AVFMT_NOFILE) == 0) {
            AVIOContext pb = ctx.pb();
            if (pb != null && !pb.isNull()) {
                avio_closep(pb);
                ctx.pb((AVIOContext) null);
            }
        }
    }

    private void freeContext() {
        if (ctx != null) {
            avformat_free_context(ctx);
            ctx = null;
        }
        if (!scratch.isNull()) {
            av_packet_free(scratch);
        }
        guard.release();
    }

    /** finish() was not called: abort (temp file deleted). Idempotent. */
    @Override
    public void close() {
        if (!finished) {
            abort();
        }
    }
}
