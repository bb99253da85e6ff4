package dev.reel.media.component;

import dev.reel.media.annotation.DeclaredBoxes;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.core.MediaException;
import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.media.annotation.Box;
import dev.reel.media.annotation.ComponentDoc;
import dev.reel.media.annotation.Prop;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.affinity.Affinity;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Demuxes and decodes one input (a file, "-" for stdin, or any URL FFmpeg opens).
 *
 * <p>Boxes: {@code outbox} carries the video {@link StreamInfo} then {@link VideoFrame}s in
 * presentation order; {@code audio} carries the audio {@link StreamInfo} then compressed
 * {@link Packet}s (audio copy) or {@link AudioFrame}s (audio decode). Timestamps are shifted so the
 * output starts at zero (as ffmpeg does), the same shift for audio and video so sync is kept.
 * Network and pipe inputs run on their own thread (reads block); files run on a worker.
 *
 * <p>This class opens the input, chooses the streams and routes each packet read; the streams'
 * own work is in {@link VideoTrack} and {@link AudioTracks}, the timeline in {@link DecodeClock}.
 */
public final class Decode implements Component {
    /** What happens to an audio stream. */
    public enum Audio { NONE, COPY, DECODE }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The box carrying the subtitle stream (packets, copied) when {@link #select} chose one. */
    public static final String SUBTITLE = "subtitle";
    /** How far before the start a copied packet may lie and still be kept (rounded container times). */
    static final double EARLY_SLACK = 1e-3;

    /** One audio stream of a {@link #select} plan: its index in the input and what to do with it. */
    public record AudioTrack(int index, Audio mode) {
    }

    private final String url;
    private final Audio audioMode;
    private final double start;
    private final DecodeClock clock;
    private final Map<String, String> options;
    private final Duration timeout;
    private final AtomicBoolean cancel = new AtomicBoolean();
    private volatile boolean endRequested;
    private int analysisLongSide;
    private boolean copyVideo;
    private boolean planned;
    private int plannedVideo = -1;
    private List<AudioTrack> plannedAudio = List.of();
    private int plannedSubtitle = -1;

    private Demuxer demuxer;
    private VideoTrack video;
    private Outbox<Object> out;
    private AudioTracks audio = AudioTracks.none();
    private int subtitleIndex = -1;
    private StreamInfo subtitleInfo;
    private Outbox<Object> subtitleOut;
    private boolean headersSent;
    private boolean eof;

    public Decode(String url) {
        this(url, Audio.NONE, 0, 0, Map.of(), DEFAULT_TIMEOUT);
    }

    public Decode(String url, Audio audio, double start, double duration, Map<String, String> options, Duration timeout) {
        this.url = url;
        this.audioMode = audio;
        this.start = start;
        this.clock = new DecodeClock(duration);
        this.options = new LinkedHashMap<>(options);
        this.timeout = timeout;
    }

    /** The name of the box carrying audio track {@code k} of a {@link #select} plan: audio, audio1, audio2... */
    public static String audioBox(int k) {
        return k == 0 ? "audio" : "audio" + k;
    }

    /**
     * Reads exactly these streams instead of the best video and audio: {@code video} (-1: none, an
     * audio-only input) on {@code outbox}, each audio track on {@link #audioBox}(k) in this order, and
     * {@code subtitle} (-1: none) copied on {@link #SUBTITLE}. The caller chose them from the input's
     * streams (indexes as the container numbers them).
     */
    public Decode select(int video, List<AudioTrack> audio, int subtitle) {
        this.planned = true;
        this.plannedVideo = video;
        this.plannedAudio = List.copyOf(audio);
        this.plannedSubtitle = subtitle;
        return this;
    }

    @Override
    public Boxes boxes() {
        Boxes.Builder b = Boxes.none().out(Boxes.OUTBOX, Object.class);
        for (int k = 0; k < Math.max(1, plannedAudio.size()); k++) {
            b.out(audioBox(k), Object.class);
        }
        if (planned) {
            b.out(SUBTITLE, Object.class); // only with a plan: the shell's decode keeps its two boxes
        }
        Boxes typed = DeclaredBoxes.typed(b.build(), Decode.class);
        // a stream copy sends the video's packets, not the frames the shell's decode declares
        return copyVideo ? DeclaredBoxes.retype(typed, Boxes.OUTBOX, Packet.class) : typed;
    }

    @Override
    public int cost() {
        return 5;
    }

    @Override
    public boolean blocking() {
        return url.equals("-") || url.contains("://") && !url.startsWith("file:");
    }

    /**
     * Decodes for analysis only ({@link VideoDecoder.Options#forAnalysisAt}, pictures looked at
     * downscaled to {@code longSide} px, never shown or encoded) with throughput threading
     * ({@link VideoDecoder.Options#throughputThreads}): shot detection, where decoding is the job.
     */
    public Decode forAnalysisAt(int longSide) {
        this.analysisLongSide = longSide;
        return this;
    }

    /**
     * Sends the video as compressed {@link Packet}s (stream copy) instead of decoding it. With a
     * start time the copy begins at the key frame at or before it, as {@code ffmpeg -ss -c copy} does.
     */
    public Decode copyVideo(boolean copy) {
        this.copyVideo = copy;
        return this;
    }

    /** Ends the input early but cleanly: what was read is decoded and flows on (Ctrl-C). */
    public void requestEnd() {
        endRequested = true;
    }

    @Override
    public void cancel() {
        cancel.set(true);
    }

    public long framesDecoded() {
        return video == null ? 0 : video.frames();
    }

    public long corruptPackets() {
        return video == null ? 0 : video.corruptPackets();
    }

    public StreamInfo videoInfo() {
        return video == null ? null : video.info();
    }

    @Override
    public void open(Context ctx) {
        out = ctx.outbox();
        Demuxer.Options o = new Demuxer.Options().openTimeout(timeout).readTimeout(timeout).cancelFlag(cancel);
        options.forEach(o::option);
        demuxer = Demuxer.open(url, o);
        int videoIndex = planned ? plannedVideo : demuxer.bestStream(MediaType.VIDEO);
        if (videoIndex < 0 && !planned) {
            throw new MediaException(MediaException.Kind.NOT_MEDIA, "no video stream in " + url);
        }
        StreamInfo videoInfo = videoIndex < 0 ? null : demuxer.stream(videoIndex);
        video = new VideoTrack(out, videoIndex, videoInfo, openVideoDecoder(videoInfo));
        List<AudioTrack> tracks = audioTracks(ctx);
        audio = AudioTracks.boxes(ctx, tracks.size());
        audio.open(demuxer, tracks);
        List<Integer> selected = new ArrayList<>();
        if (videoIndex >= 0) {
            selected.add(videoIndex);
        }
        tracks.forEach(t -> selected.add(t.index()));
        subtitleOut = planned ? ctx.outbox(SUBTITLE) : null;
        if (planned && plannedSubtitle >= 0 && subtitleOut.linked()) {
            subtitleIndex = plannedSubtitle;
            subtitleInfo = demuxer.stream(subtitleIndex);
            selected.add(subtitleIndex);
        }
        demuxer.selectStreams(selected.stream().mapToInt(Integer::intValue).toArray());
        clock.startAt(Double.isNaN(demuxer.startSeconds()) ? 0 : demuxer.startSeconds());
        if (start > 0) {
            seekToStart();
        }
    }

    /** The video decoder, or null for a stream copy or no video. */
    private VideoDecoder openVideoDecoder(StreamInfo videoInfo) {
        if (copyVideo || videoInfo == null) {
            return null;
        }
        try {
            // Decoder threads are created here: let them use every core, not just this worker's.
            return Affinity.withAllCores(() -> new VideoDecoder(videoInfo, analysisLongSide > 0
                    ? new VideoDecoder.Options().forAnalysisAt(analysisLongSide).throughputThreads(Affinity.allowedCores().size())
                    : new VideoDecoder.Options()));
        } catch (MediaException e) {
            // A codec we cannot decode is a property of this input, not a usage mistake.
            throw new MediaException(MediaException.Kind.CODEC, url + ": " + e.getMessage());
        }
    }

    /** The planned audio tracks, or the best audio stream when the audio box is linked and wants one. */
    private List<AudioTrack> audioTracks(Context ctx) {
        List<AudioTrack> tracks = new ArrayList<>();
        if (planned) {
            tracks.addAll(plannedAudio);
        } else if (audioMode != Audio.NONE && ctx.outbox(audioBox(0)).linked()) {
            int best = demuxer.bestStream(MediaType.AUDIO);
            if (best >= 0) {
                tracks.add(new AudioTrack(best, audioMode));
            }
        }
        return tracks;
    }

    private void seekToStart() {
        // seek() counts from the start of the input and returns the absolute time it aimed at.
        double at = demuxer.seek(start);
        video.seekedTo(at, clock);
        audio.discardBefore(at);
        clock.startAt(at);
    }

    /** True when the audio link has been told about its stream (or has none). */
    public boolean hasAudio() {
        return audio.size() > 0;
    }

    @Override
    public Step step(Context ctx) {
        if (!headersSent) {
            sendHeaders();
            return Step.CONTINUE;
        }
        if (video.sendDecoded(clock)) {
            return Step.CONTINUE;
        }
        if (audio.sendDecoded(clock)) {
            return Step.CONTINUE;
        }
        if (eof) {
            return Step.DONE;
        }
        if (endRequested || ctx.stopping() || (video.done() && audio.size() == 0)) {
            endOfInput();
            return Step.CONTINUE;
        }
        Packet p = demuxer.read();
        if (p == null) {
            endOfInput();
            return Step.CONTINUE;
        }
        try {
            route(p);
        } finally {
            p.release();
        }
        return Step.CONTINUE;
    }

    /** Each box's StreamInfo; a box with no stream ends at once, so nothing downstream waits for it. */
    private void sendHeaders() {
        headersSent = true;
        video.sendHeader();
        audio.sendHeaders();
        if (subtitleInfo != null) {
            subtitleOut.send(subtitleInfo);
        } else if (subtitleOut != null) {
            subtitleOut.end();
        }
    }

    /** Hands a read packet (still the caller's) to the stream it belongs to. */
    private void route(Packet p) {
        int si = p.streamIndex();
        if (si == video.index()) {
            video.accept(p, clock);
            return;
        }
        double t = clock.since(p.seconds());
        if (clock.past(t, 0)) {
            if (video.index() < 0 && audio.size() > 0 && si == audio.index(0)) {
                endOfInput(); // audio only: the first track's time ends the input
            }
            return;
        }
        if (si == subtitleIndex) {
            if (t >= -EARLY_SLACK) {
                subtitleOut.send(clock.shifted(p));
            }
            return;
        }
        audio.accept(p, si, t, clock);
    }

    private void endOfInput() {
        eof = true;
        video.sendEof();
        audio.sendEof();
    }

    @Override
    public void close() {
        if (video != null) {
            video.close();
        }
        audio.close();
        if (demuxer != null) {
            demuxer.close();
        }
    }

    /** The shell's way to build it ({@code reel run}, {@code reel components decode}). */
    @ComponentDoc(name = "decode", summary = "Reads and decodes one input (file, '-' for stdin, or URL): video frames, audio on the side",
            example = "decode in.mp4 ! encode crf=23 ! mux out.mp4  decode.audio ! mux.audio",
            boxes = {@Box(name = "outbox", messages = {StreamInfo.class, VideoFrame.class}, capacity = 8,
                    doc = "video: its StreamInfo, then frames in presentation order"),
                @Box(name = "audio", messages = {StreamInfo.class, Packet.class, AudioFrame.class}, capacity = 256,
                    doc = "first audio stream: StreamInfo, then packets (audio=copy) or frames (audio=decode)")})
    public static Decode create(
            @Prop(name = "location", positional = true, required = true, role = Prop.Role.INPUT, sample = "in.mp4",
                    doc = "file, '-' for stdin, or a URL ffmpeg opens") String location,
            @Prop(name = "audio", def = "copy", doc = "what the audio box carries when linked: compressed packets "
                    + "(copy), decoded frames (decode, for aencode), nothing (none)") Audio audio,
            @Prop(name = "start", def = "0", min = 0, doc = "start at this time, in seconds") double start,
            @Prop(name = "duration", def = "0", min = 0, doc = "stop after this many seconds (0: to the end)") double duration,
            @Prop(name = "timeout", def = "10", min = 0, doc = "network open/read timeout, in seconds") double timeout) {
        return new Decode(location, audio, start, duration, Map.of(), Duration.ofMillis(Math.round(timeout * 1000)));
    }
}
