package dev.reel.media.component;

import dev.reel.media.ffmpeg.AudioDecoder;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.MediaException;
import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.media.registry.Box;
import dev.reel.media.registry.ComponentDoc;
import dev.reel.media.registry.Prop;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.affinity.Affinity;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Demuxes and decodes one input (a file, "-" for stdin, or any URL FFmpeg opens).
 *
 * <p>Boxes: {@code outbox} carries the video {@link StreamInfo} then {@link VideoFrame}s in
 * presentation order; {@code audio} carries the audio {@link StreamInfo} then compressed
 * {@link Packet}s (audio copy) or {@link AudioFrame}s (audio decode). Timestamps are shifted so the
 * output starts at zero (as ffmpeg does), the same shift for audio and video so sync is kept.
 * Network and pipe inputs run on their own thread (reads block); files run on a worker.
 */
public final class Decode implements Component {
    /** What happens to the first audio stream. */
    public enum Audio { NONE, COPY, DECODE }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String url;
    private final Audio audioMode;
    private final double start;
    private final double duration;
    private final Map<String, String> options;
    private final Duration timeout;
    private final AtomicBoolean cancel = new AtomicBoolean();
    private volatile boolean endRequested;
    private int analysisLongSide;
    private boolean copyVideo;
    private boolean originFromFirstPacket;

    private Demuxer demuxer;
    private VideoDecoder video;
    private AudioDecoder audioDecoder;
    private int videoIndex = -1;
    private int audioIndex = -1;
    private StreamInfo videoInfo;
    private StreamInfo audioInfo;
    private Outbox<Object> out;
    private Outbox<Object> audioOut;
    private boolean headersSent;
    private boolean eof;
    private boolean videoDone;
    private double origin;
    private long frames;

    public Decode(String url) {
        this(url, Audio.NONE, 0, 0, Map.of(), DEFAULT_TIMEOUT);
    }

    public Decode(String url, Audio audio, double start, double duration, Map<String, String> options, Duration timeout) {
        this.url = url;
        this.audioMode = audio;
        this.start = start;
        this.duration = duration;
        this.options = new LinkedHashMap<>(options);
        this.timeout = timeout;
    }

    @Override
    public Boxes boxes() {
        return Boxes.none().out(Boxes.OUTBOX, Object.class).out("audio", Object.class).build();
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
        return frames;
    }

    public long corruptPackets() {
        return video == null ? 0 : video.corruptPackets();
    }

    public StreamInfo videoInfo() {
        return videoInfo;
    }

    @Override
    public void open(Context ctx) {
        out = ctx.outbox();
        audioOut = ctx.outbox("audio");
        Demuxer.Options o = new Demuxer.Options().openTimeout(timeout).readTimeout(timeout).cancelFlag(cancel);
        options.forEach(o::option);
        demuxer = Demuxer.open(url, o);
        videoIndex = demuxer.bestStream(MediaType.VIDEO);
        if (videoIndex < 0) {
            throw new MediaException(MediaException.Kind.NOT_MEDIA, "no video stream in " + url);
        }
        videoInfo = demuxer.stream(videoIndex);
        try {
            // Stream copy needs no decoder. Decoder threads are created here: let them use every
            // core, not just this worker's.
            video = copyVideo ? null : Affinity.withAllCores(
                    () -> new VideoDecoder(videoInfo, analysisLongSide > 0
                            ? new VideoDecoder.Options().forAnalysisAt(analysisLongSide).throughputThreads(Affinity.allowedCores().size())
                            : new VideoDecoder.Options()));
        } catch (MediaException e) {
            // A codec we cannot decode is a property of this input, not a usage mistake.
            throw new MediaException(MediaException.Kind.CODEC, url + ": " + e.getMessage());
        }
        if (audioMode != Audio.NONE && audioOut.linked()) {
            audioIndex = demuxer.bestStream(MediaType.AUDIO);
            if (audioIndex >= 0) {
                audioInfo = demuxer.stream(audioIndex);
                if (audioMode == Audio.DECODE) {
                    audioDecoder = Affinity.withAllCores(() -> new AudioDecoder(audioInfo));
                }
            }
        }
        if (audioIndex >= 0) {
            demuxer.selectStreams(videoIndex, audioIndex);
        } else {
            demuxer.selectStreams(videoIndex);
        }
        double first = Double.isNaN(demuxer.startSeconds()) ? 0 : demuxer.startSeconds();
        origin = first;
        if (start > 0) {
            // seek() counts from the start of the input and returns the absolute time it aimed at.
            double at = demuxer.seek(start);
            if (video != null) {
                video.discardBefore(at);
            } else {
                originFromFirstPacket = true; // the copy starts at the key frame the seek landed on
            }
            if (audioDecoder != null) {
                audioDecoder.discardBefore(at);
            }
            origin = at;
        }
    }

    /** True when the audio link has been told about its stream (or has none). */
    public boolean hasAudio() {
        return audioIndex >= 0;
    }

    @Override
    public Step step(Context ctx) {
        if (!headersSent) {
            headersSent = true;
            out.send(videoInfo);
            if (audioIndex >= 0) {
                audioOut.send(audioInfo);
            } else {
                audioOut.end(); // no audio here: let the muxer write its header without waiting
            }
            return Step.CONTINUE;
        }
        if (!videoDone && video != null && emitDecoded()) {
            return Step.CONTINUE;
        }
        if (audioDecoder != null && emitAudio()) {
            return Step.CONTINUE;
        }
        if (eof) {
            return Step.DONE;
        }
        if (endRequested || ctx.stopping() || (videoDone && audioIndex < 0)) {
            endOfInput();
            return Step.CONTINUE;
        }
        Packet p = demuxer.read();
        if (p == null) {
            endOfInput();
            return Step.CONTINUE;
        }
        try {
            if (p.streamIndex() == videoIndex) {
                if (video == null) {
                    copyPacket(p);
                } else if (!videoDone) {
                    video.send(p);
                }
            } else if (p.streamIndex() == audioIndex) {
                double t = p.seconds() - origin;
                if (duration > 0 && t >= duration) {
                    return Step.CONTINUE;
                }
                if (audioDecoder != null) {
                    audioDecoder.send(p);
                } else if (t >= -1e-3) {
                    audioOut.send(shifted(p));
                }
            }
        } finally {
            p.release();
        }
        return Step.CONTINUE;
    }

    private void copyPacket(Packet p) {
        if (videoDone) {
            return;
        }
        if (originFromFirstPacket) {
            originFromFirstPacket = false;
            origin = p.timeBase().seconds(p.dts() != org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE ? p.dts() : p.pts());
        }
        double t = p.seconds() - origin;
        if (duration > 0 && t >= duration - 1e-6) {
            videoDone = true;
            return;
        }
        frames++;
        out.send(shifted(p));
    }

    private void endOfInput() {
        eof = true;
        if (video != null) {
            video.sendEof();
        }
        if (audioDecoder != null) {
            audioDecoder.sendEof();
        }
    }

    /** Sends one decoded video frame if there is one; true if it did. */
    private boolean emitDecoded() {
        VideoFrame f = video.receive();
        if (f == null) {
            return false;
        }
        double t = f.seconds() - origin;
        if (duration > 0 && t >= duration - 1e-6) {
            f.release();
            videoDone = true;
            return true;
        }
        Rational tb = f.timeBase();
        f.setPts(f.pts() - Math.round(origin * tb.den() / tb.num()), tb);
        frames++;
        out.send(f);
        return true;
    }

    private boolean emitAudio() {
        AudioFrame a = audioDecoder.receive();
        if (a == null) {
            return false;
        }
        Rational tb = a.timeBase();
        a.setPts(a.pts() - Math.round(origin * tb.den() / tb.num()), tb);
        audioOut.send(a);
        return true;
    }

    /** A reference to {@code p} with timestamps moved by the origin (p stays the caller's). */
    private Packet shifted(Packet p) {
        Rational tb = p.timeBase();
        long d = Math.round(origin * tb.den() / tb.num());
        if (d == 0) {
            p.retain();
            return p;
        }
        AVPacket raw = p.avPacket();
        long pts = raw.pts();
        long dts = raw.dts();
        raw.pts(pts == org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE ? pts : pts - d);
        raw.dts(dts == org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE ? dts : dts - d);
        return Packet.reference(raw, tb);
    }

    @Override
    public void close() {
        if (video != null) {
            video.close();
        }
        if (audioDecoder != null) {
            audioDecoder.close();
        }
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
