package dev.reel.media.ffmpeg;

import dev.reel.media.core.AvError;

import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;

/**
 * Writes packets into a container: mp4/mov, mkv, webm, mpegts, ... to a file, {@code "-"}
 * (stdout) or a network URL.
 *
 * <p>Files are written to {@code .<name>.part} next to the target and renamed over the target
 * only by {@link #finish()}, so a failed or interrupted run never leaves a truncated file under
 * the real name. {@link #close()} without finish() (an exception in a try-with-resources block)
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

    /** Output options; all optional. */
    public static final class Options {
        String format;
        boolean fragmented;
        final Map<String, String> avOptions = new LinkedHashMap<>();
        Duration writeTimeout;
        AtomicBoolean cancelFlag;
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

        /** Container format (ffmpeg's {@code -f}); default from the file extension, mkv for stdout. */
        public Options format(String format) {
            this.format = format;
            return this;
        }

        /** Fragmented MP4 (playable after a crash, streamable); ignored for other formats. */
        public Options fragmented(boolean fragmented) {
            this.fragmented = fragmented;
            return this;
        }

        /** A muxer or protocol option, e.g. ("movflags", "+faststart"), ("mpegts_flags", "resend_headers"). */
        public Options option(String key, String value) {
            avOptions.put(key, value);
            return this;
        }

        /** Longest a network write may block (default 15 s); zero disables. */
        public Options writeTimeout(Duration d) {
            this.writeTimeout = d;
            return this;
        }

        /** A shared flag that aborts blocking writes once set, like {@link Muxer#cancel()}. */
        public Options cancelFlag(AtomicBoolean flag) {
            this.cancelFlag = flag;
            return this;
        }
    }

    private static final Duration NETWORK_DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Stream tags carried to the output; the rest (durations, handler names, encoders) belong to the old file. */
    private static final List<String> STREAM_TAGS = List.of("language", "title");

    private final String shown;
    private final Path target;
    private final Path temp;
    private final AVOutputFormat format;
    private final IoGuard guard;
    private final long writeTimeoutNanos;
    private final Map<String, String> headerOptions;
    private final Map<String, String> metadata;
    private final List<Chapter> chapters;
    private AVFormatContext ctx;
    private final AVPacket scratch;
    private final List<Rational> timeBases = new ArrayList<>();
    private final java.util.Set<dev.reel.media.frame.MediaType> defaultMarked = java.util.EnumSet.noneOf(dev.reel.media.frame.MediaType.class);
    private long[] lastDts = new long[0];
    private boolean headerWritten;
    private boolean finished;
    private boolean failed;

    private Muxer(String target, Options o) {
        this.guard = new IoGuard(o.cancelFlag);
        String url = target.equals("-") ? "pipe:1" : target;
        boolean pipe = url.startsWith("pipe:");
        boolean network = Av.isNetwork(url);
        this.shown = Av.display(url);
        String fmtName = o.format != null ? o.format : pipe ? "matroska" : null;
        String localPath = url.startsWith("file:") ? url.substring(5) : url;
        AVOutputFormat of = av_guess_format(fmtName, pipe || network ? null : localPath, null);
        if (of == null || of.isNull()) {
            guard.release();
            throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, fmtName != null ? "unknown output format '" + fmtName + "'"
                    : "cannot tell the output format from '" + shown + "' (use a known extension or give a format)");
        }
        this.format = of;
        boolean noFile = (of.flags() & AVFMT_NOFILE) != 0;
        boolean local = !pipe && !network && !noFile;
        if (local) {
            Path t = Path.of(localPath).toAbsolutePath();
            this.target = t;
            this.temp = t.resolveSibling("." + t.getFileName() + ".part");
        } else {
            this.target = null;
            this.temp = null;
        }
        this.writeTimeoutNanos = (o.writeTimeout != null ? o.writeTimeout : network ? NETWORK_DEFAULT_TIMEOUT : Duration.ZERO).toNanos();
        Map<String, String> opts = new LinkedHashMap<>(o.avOptions);
        String name = Av.str(of.name());
        if (name.equals("mp4") || name.equals("mov") || name.equals("ipod") || name.equals("ismv")) {
            if (pipe || network || o.fragmented) {
                opts.putIfAbsent("movflags", "+frag_keyframe+empty_moov+default_base_moof");
            } else {
                opts.putIfAbsent("movflags", "+faststart");
            }
        }
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
            if (temp != null && !Files.isDirectory(this.target.getParent())) {
                throw new MediaException(MediaException.Kind.NOT_FOUND, "no such directory: " + this.target.getParent());
            }
            String writeUrl = temp != null ? temp.toString() : url;
            AVFormatContext c = new AVFormatContext(null);
            int r = avformat_alloc_output_context2(c, of, (String) null, writeUrl);
            if (r < 0 || c.isNull()) {
                throw MediaException.of("cannot create output " + shown, r < 0 ? r : AvError.ENOMEM);
            }
            ctx = c;
            guard.install(ctx.interrupt_callback());
            if (!noFile) {
                AVIOContext pb = new AVIOContext(null);
                guard.arm(writeTimeoutNanos);
                try {
                    r = avio_open2(pb, writeUrl, AVIO_FLAG_WRITE, ctx.interrupt_callback(), (AVDictionary) null);
                } finally {
                    guard.disarm();
                }
                if (r < 0) {
                    if (r == AvError.EACCES) {
                        throw new MediaException(MediaException.Kind.PERMISSION, "permission denied: " + shown, r);
                    }
                    throw MediaException.of("cannot write " + shown, r);
                }
                ctx.pb(pb);
            }
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
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
        Natives.load();
        boolean pipe = target.equals("-") || target.startsWith("pipe:");
        String f = format != null ? format : pipe ? "matroska" : null;
        AVOutputFormat of = av_guess_format(f, pipe || Av.isNetwork(target) ? null : target, null);
        return of == null || of.isNull() ? null : Av.str(of.name());
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
        Natives.load();
        boolean pipe = target.equals("-") || target.startsWith("pipe:");
        String f = format != null ? format : pipe ? "matroska" : null;
        AVOutputFormat of = av_guess_format(f, pipe || Av.isNetwork(target) ? null : target, null);
        return of != null && !of.isNull() && (of.flags() & AVFMT_GLOBALHEADER) != 0;
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
                    + (info.type() == dev.reel.media.frame.MediaType.AUDIO ? " audio" : "") + " (re-encode it)");
        }
        AVStream st = avformat_new_stream(ctx, null);
        if (st == null || st.isNull()) {
            throw new OutOfMemoryError("avformat_new_stream");
        }
        Av.check(avcodec_parameters_copy(st.codecpar(), info.codecParameters()), "cannot copy codec parameters");
        // Tags differ between containers: let the muxer pick, except HEVC in MP4 where
        // Apple players need hvc1.
        int tag = 0;
        String fname = formatName();
        if (info.codecId() == AV_CODEC_ID_HEVC && (fname.equals("mp4") || fname.equals("mov"))) {
            tag = ('h') | ('v' << 8) | ('c' << 16) | ('1' << 24);
        }
        st.codecpar().codec_tag(tag);
        info.timeBase().copyTo(st.time_base());
        if (info.avgFrameRate().isValid()) {
            info.avgFrameRate().copyTo(st.avg_frame_rate());
        }
        for (String key : STREAM_TAGS) {
            String value = info.tags().get(key);
            if (value != null) {
                // av_dict_set takes AVDictionary**: a fresh holder, never a null Java reference.
                AVDictionary md = st.metadata();
                if (md == null) {
                    md = new AVDictionary(null);
                }
                av_dict_set(md, key, value, 0);
                st.metadata(md);
            }
        }
        if (defaultMarked.add(info.type())) {
            st.disposition(st.disposition() | AV_DISPOSITION_DEFAULT); // the first of each kind plays by default, as ffmpeg marks
        }
        timeBases.add(info.timeBase());
        lastDts = java.util.Arrays.copyOf(lastDts, timeBases.size());
        lastDts[lastDts.length - 1] = AV_NOPTS_VALUE;
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
        writeTagsAndChapters();
        AVDictionary d = Av.dict(headerOptions);
        int r;
        guard.arm(writeTimeoutNanos);
        try {
            r = avformat_write_header(ctx, d);
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

    private void writeTagsAndChapters() {
        if (!metadata.isEmpty()) {
            AVDictionary md = ctx.metadata();
            if (md == null) {
                md = new AVDictionary(null);
            }
            for (var e : metadata.entrySet()) {
                av_dict_set(md, e.getKey(), e.getValue(), 0);
            }
            ctx.metadata(md);
        }
        if (chapters.isEmpty()) {
            return;
        }
        // Allocated with av_malloc: avformat_free_context frees chapters, their tags and the array.
        int n = chapters.size();
        org.bytedeco.javacpp.Pointer array = av_mallocz((long) n * org.bytedeco.javacpp.Pointer.sizeof(org.bytedeco.javacpp.PointerPointer.class));
        if (array == null || array.isNull()) {
            throw new OutOfMemoryError("chapters");
        }
        org.bytedeco.javacpp.PointerPointer<org.bytedeco.ffmpeg.avformat.AVChapter> list =
                new org.bytedeco.javacpp.PointerPointer<org.bytedeco.ffmpeg.avformat.AVChapter>(array);
        list.capacity(n);
        ctx.chapters(list).nb_chapters(n);
        for (int i = 0; i < n; i++) {
            Chapter c = chapters.get(i);
            org.bytedeco.javacpp.Pointer mem = av_mallocz(org.bytedeco.javacpp.Loader.sizeof(org.bytedeco.ffmpeg.avformat.AVChapter.class));
            if (mem == null || mem.isNull()) {
                throw new OutOfMemoryError("chapter");
            }
            org.bytedeco.ffmpeg.avformat.AVChapter ch = new org.bytedeco.ffmpeg.avformat.AVChapter(mem);
            ch.id(c.id()).start(c.start()).end(c.end());
            c.timeBase().copyTo(ch.time_base());
            list.put(i, ch);
            if (!c.tags().isEmpty()) {
                AVDictionary md = new AVDictionary(null);
                for (var e : c.tags().entrySet()) {
                    av_dict_set(md, e.getKey(), e.getValue(), 0);
                }
                ch.metadata(md);
            }
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
        long last = lastDts[stream];
        if (dts != AV_NOPTS_VALUE && last != AV_NOPTS_VALUE) {
            boolean strict = (format.flags() & AVFMT_TS_NONSTRICT) == 0;
            long min = strict ? last + 1 : last;
            if (dts < min) {
                dts = min;
                if (pts != AV_NOPTS_VALUE && pts < dts) {
                    pts = dts;
                }
            }
        }
        if (pts != AV_NOPTS_VALUE && dts != AV_NOPTS_VALUE && pts < dts) {
            // Only a damaged packet is shown before it is decoded; FFmpeg would refuse it (EINVAL) and
            // fail the whole output (found by scripts/fuzz: a damaged UDP stream recorded).
            pts = dts;
        }
        if (dts != AV_NOPTS_VALUE) {
            lastDts[stream] = dts;
        }
        scratch.stream_index(stream).pts(pts).dts(dts).duration(Rational.rescale(packet.duration(), src, dst)).pos(-1);
        guard.arm(writeTimeoutNanos);
        int r;
        try {
            r = av_interleaved_write_frame(ctx, scratch); // takes the reference
        } finally {
            guard.disarm();
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
            guard.arm(writeTimeoutNanos);
            int r;
            try {
                r = av_write_trailer(ctx);
            } finally {
                guard.disarm();
            }
            if (r < 0) {
                throw MediaException.of("cannot finish " + shown, r);
            }
            closeIo();
            if (temp != null) {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            abort();
            throw new MediaException(MediaException.Kind.IO, "cannot rename " + temp + " to " + target + ": " + e.getMessage());
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
        if (temp != null && !finished) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: nothing more to do for a file we could not delete
            }
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
        return target;
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
