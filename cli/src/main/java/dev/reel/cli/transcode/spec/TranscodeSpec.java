package dev.reel.cli.transcode.spec;

import dev.reel.media.component.AudioEncode;
import dev.reel.media.component.Crop;
import dev.reel.media.component.Decode;
import dev.reel.media.component.Encode;
import dev.reel.media.component.Fps;
import dev.reel.media.component.Mux;
import dev.reel.media.component.Rotate;
import dev.reel.media.component.SubtitleConvert;
import dev.reel.media.component.Scale;
import dev.reel.media.ffmpeg.AudioEncoder;
import dev.reel.media.core.MediaException;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.ffmpeg.VideoEncoder;
import dev.reel.media.frame.Rational;
import dev.reel.media.shots.Shots;
import dev.reel.runtime.Graph;
import dev.reel.runtime.LinkSpec;
import dev.reel.runtime.Boxes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a transcode does, independent of the command line: the settings and the graph they make.
 * decode → [rotate] → [crop] → [scale] → [fps] → encode → mux, with audio tracks copied or encoded
 * and subtitles copied or converted on the side. A null {@code vcodec} or {@code acodec} means the
 * output container's default ({@link ContainerDefaults}); streams are chosen as ffmpeg does
 * ({@link InputPlan}).
 */
public record TranscodeSpec(String vcodec, String acodec, Integer crf, Long bitrate, String preset, String scale,
                            String crop, String fps, double start, double duration, Integer keyint, String format,
                            double[] keyframesAt, boolean detectShots, boolean allAudio, boolean autorotate) {

    /** The settings as they were before container defaults: explicit codecs, best audio, autorotate. */
    public TranscodeSpec(String vcodec, String acodec, Integer crf, Long bitrate, String preset, String scale,
                         String crop, String fps, double start, double duration, Integer keyint, String format,
                         double[] keyframesAt, boolean detectShots) {
        this(vcodec, acodec, crf, bitrate, preset, scale, crop, fps, start, duration, keyint, format, keyframesAt,
                detectShots, false, true);
    }

    /** Audio packets are tiny; a deep link keeps the audio path from stalling the decoder. */
    static final LinkSpec AUDIO_LINK = LinkSpec.capacity(256);
    static final LinkSpec FRAME_LINK = LinkSpec.capacity(8);
    static final LinkSpec PACKET_LINK = LinkSpec.capacity(64);

    /** The components of one job, kept so the caller can watch progress and ask for an early end. */
    public record Built(Graph graph, Decode decode, Encode encode, Shots shots, List<String> notes) {
        public Built(Graph graph, Decode decode, Encode encode, Shots shots) {
            this(graph, decode, encode, shots, List.of());
        }
    }

    public Built build(String in, String out) {
        boolean copy = "copy".equals(vcodec);
        if (copy && (crop != null || scale != null || fps != null || detectShots || crf != null || bitrate != null
                || preset != null || keyint != null || (keyframesAt != null && keyframesAt.length > 0))) {
            throw new IllegalArgumentException("--vcodec copy keeps the coded pictures: it cannot be combined with "
                    + "--crop, --scale, --fps, --shots, --crf, --bitrate, --preset, --keyint or --force-keyframes");
        }
        if (acodec != null && !List.of("none", "copy", "aac", "opus").contains(acodec)) {
            throw new IllegalArgumentException("unknown audio codec '" + acodec + "' (aac, opus, copy, none)");
        }
        String container = Muxer.formatName(out, format);
        ContainerDefaults defaults = ContainerDefaults.of(container);
        List<String> notes = new ArrayList<>();
        String video = vcodec != null ? vcodec : defaults.video();
        if (vcodec == null && !video.equals("h264")) {
            notes.add("video → " + video);
        }
        // Files are looked at first to choose streams and codecs; pipes and URLs are read once only.
        InputPlan plan = isFile(in) ? InputPlan.of(in, container, acodec, allAudio, start, duration) : null;
        List<String> audioEncoders = new ArrayList<>(); // per audio box: null = copy
        Decode.Audio audio;
        if (plan != null && plan.video() < 0 && plan.audio().isEmpty()) {
            throw new MediaException(MediaException.Kind.NOT_MEDIA, "nothing to transcode in " + in + ": no video stream and "
                    + ("none".equals(acodec) ? "--acodec none" : "no audio stream"));
        }
        if (plan != null) {
            notes.addAll(plan.notes());
            plan.audio().forEach(t -> audioEncoders.add(t.encoder()));
            audio = Decode.Audio.COPY; // per track in the plan
        } else if (acodec == null) {
            audio = defaults.copyAudio() == null ? Decode.Audio.COPY : Decode.Audio.DECODE;
            audioEncoders.add(audio == Decode.Audio.COPY ? null : defaults.audio());
            if (audio == Decode.Audio.DECODE) {
                notes.add("audio → " + defaults.audio());
            }
        } else {
            audio = switch (acodec) {
                case "none" -> Decode.Audio.NONE;
                case "copy" -> Decode.Audio.COPY;
                default -> Decode.Audio.DECODE;
            };
            if (audio != Decode.Audio.NONE) {
                audioEncoders.add(audio == Decode.Audio.COPY ? null : acodec);
            }
        }
        Decode decode = new Decode(in, audio, start, duration, Map.of(), Decode.DEFAULT_TIMEOUT).copyVideo(copy);
        if (plan != null) {
            List<Decode.AudioTrack> tracks = new ArrayList<>();
            plan.audio().forEach(t -> tracks.add(new Decode.AudioTrack(t.index(),
                    t.copied() ? Decode.Audio.COPY : Decode.Audio.DECODE)));
            decode.select(plan.video(), tracks, plan.subtitle());
        }
        Muxer.Options mo = new Muxer.Options();
        if (format != null) {
            mo.format(format);
        }
        if (plan != null) {
            mo.metadata(plan.metadata()).chapters(plan.chapters());
        }
        List<String> muxInputs = new ArrayList<>(List.of(Boxes.INBOX));
        for (int k = 0; k < audioEncoders.size(); k++) {
            muxInputs.add(Decode.audioBox(k));
        }
        boolean subtitles = plan != null && plan.subtitle() >= 0;
        if (subtitles) {
            muxInputs.add(Decode.SUBTITLE);
        }
        boolean global = Muxer.needsGlobalHeader(out, format);
        Graph.Builder g = Graph.builder("transcode").add("decode", decode).add("mux", new Mux(out, mo, muxInputs));
        addAudio(g, audioEncoders, global);
        if (subtitles) {
            if (plan.subtitleCodec() == null) {
                g.link("decode." + Decode.SUBTITLE, "mux." + Decode.SUBTITLE, AUDIO_LINK);
            } else {
                g.add("subconvert", new SubtitleConvert(plan.subtitleCodec()))
                        .link("decode." + Decode.SUBTITLE, "subconvert", AUDIO_LINK)
                        .link("subconvert", "mux." + Decode.SUBTITLE, AUDIO_LINK);
            }
        }
        if (plan != null && plan.video() < 0) {
            return new Built(g.build(), decode, null, null, notes); // audio only
        }
        if (copy) {
            g.link("decode", "mux.inbox", PACKET_LINK);
            return new Built(g.build(), decode, null, null, notes);
        }
        VideoEncoder.Settings vs = new VideoEncoder.Settings().codec(video);
        if (crf != null) {
            vs.crf(crf);
        }
        if (bitrate != null) {
            vs.bitrate(bitrate);
        }
        if (preset != null) {
            vs.preset(preset);
        }
        if (keyint != null) {
            vs.gop(keyint);
        }
        if (keyframesAt != null && keyframesAt.length > 0) {
            vs.forceKeyFramesAt(keyframesAt);
        }
        vs.globalHeader(global);
        Rational rate = fps == null ? null : Fps.parseRate(fps);
        Encode encode = new Encode(vs, rate).keepRotation(!autorotate);
        String last = "decode";
        if (autorotate && (plan == null || plan.rotation() != 0)) {
            // As ffmpeg: pictures turned upright first, so crop and scale work on what is seen.
            // (Pipes are not looked at first: there the stage decides from the stream it is given.)
            g.add("rotate", new Rotate()).link(last, "rotate", FRAME_LINK);
            last = "rotate";
        }
        Shots shots = null;
        if (detectShots) {
            // Detect on the full picture, before crop/scale, and force key frames at shot starts.
            shots = new Shots("default", Map.of());
            g.add("shots", shots).link(last, "shots", FRAME_LINK);
            last = "shots";
        }
        if (crop != null) {
            g.add("crop", Crop.of(crop)).link(last, "crop", FRAME_LINK);
            last = "crop";
        }
        if (scale != null) {
            g.add("scale", Scale.of(scale)).link(last, "scale", FRAME_LINK);
            last = "scale";
        }
        if (rate != null) {
            g.add("fps", new Fps(rate)).link(last, "fps", FRAME_LINK);
            last = "fps";
        }
        g.add("encode", encode).link(last, "encode", FRAME_LINK);
        g.link("encode", "mux.inbox", PACKET_LINK);
        return new Built(g.build(), decode, encode, shots, notes);
    }

    /**
     * The same video settings for one chunk of a chunked transcode: {@code duration} seconds (0: to
     * the end) from {@code start}, video only (audio is muxed once at the join), no shot detection and
     * no forced key frames (a chunk starts with one). Call on a spec whose codec is
     * {@linkplain #forOutput resolved}: a chunk file's container is not the output's.
     */
    public TranscodeSpec chunk(double start, double duration) {
        return new TranscodeSpec(vcodec, "none", crf, bitrate, preset, scale, crop, fps, start, duration, keyint, null,
                null, false, false, autorotate);
    }

    /** This spec with the video codec the output container takes by default when none was asked for. */
    public TranscodeSpec forOutput(String out) {
        if (vcodec != null) {
            return this;
        }
        String video = ContainerDefaults.of(Muxer.formatName(out, format)).video();
        return new TranscodeSpec(video, acodec, crf, bitrate, preset, scale, crop, fps, start, duration, keyint, format,
                keyframesAt, detectShots, allAudio, autorotate);
    }

    /** The audio track a join muxes in: its stream index in the input, and the encoder (null: copy). */
    public record JoinAudio(int index, String encoder) {
    }

    /**
     * The one audio track a chunked transcode muxes in at the join, chosen and coded as a plain
     * transcode of {@code in} to {@code out} would; null for none.
     */
    public JoinAudio joinAudio(String in, String out) {
        if ("none".equals(acodec)) {
            return null;
        }
        InputPlan plan = InputPlan.of(in, Muxer.formatName(out, format), acodec, false, 0, 0);
        if (plan.audio().isEmpty()) {
            return null;
        }
        InputPlan.Track t = plan.audio().get(0);
        return new JoinAudio(t.index(), t.encoder());
    }

    /** A local file (looked at before the run), not a pipe or URL. */
    static boolean isFile(String in) {
        return !in.equals("-") && !in.startsWith("pipe:") && (!in.contains("://") || in.startsWith("file:"));
    }

    private static void addAudio(Graph.Builder g, List<String> encoders, boolean global) {
        for (int k = 0; k < encoders.size(); k++) {
            String box = Decode.audioBox(k);
            String codec = encoders.get(k);
            if (codec == null) {
                g.link("decode." + box, "mux." + box, AUDIO_LINK);
            } else {
                String name = "aencode" + (k == 0 ? "" : Integer.toString(k));
                AudioEncoder.Settings as = new AudioEncoder.Settings().codec(codec.toLowerCase(Locale.ROOT)).globalHeader(global);
                g.add(name, new AudioEncode(as)).link("decode." + box, name + ".inbox", AUDIO_LINK)
                        .link(name, "mux." + box, AUDIO_LINK);
            }
        }
    }
}
