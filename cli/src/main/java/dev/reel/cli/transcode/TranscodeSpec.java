package dev.reel.cli.transcode;

import dev.reel.media.component.AudioEncode;
import dev.reel.media.component.Crop;
import dev.reel.media.component.Decode;
import dev.reel.media.component.Encode;
import dev.reel.media.component.Fps;
import dev.reel.media.component.Mux;
import dev.reel.media.component.Scale;
import dev.reel.media.ffmpeg.AudioEncoder;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.ffmpeg.VideoEncoder;
import dev.reel.media.frame.Rational;
import dev.reel.media.shots.Shots;
import dev.reel.runtime.Graph;
import dev.reel.runtime.LinkSpec;
import java.util.Locale;
import java.util.Map;

/**
 * What a transcode does, independent of the command line: the settings and the graph they make.
 * decode → [crop] → [scale] → [fps] → encode → mux, with audio copied or encoded on the side.
 */
public record TranscodeSpec(String vcodec, String acodec, Integer crf, Long bitrate, String preset, String scale,
                            String crop, String fps, double start, double duration, Integer keyint, String format,
                            double[] keyframesAt, boolean detectShots) {

    /** Audio packets are tiny; a deep link keeps the audio path from stalling the decoder. */
    static final LinkSpec AUDIO_LINK = LinkSpec.capacity(256);
    static final LinkSpec FRAME_LINK = LinkSpec.capacity(8);
    static final LinkSpec PACKET_LINK = LinkSpec.capacity(64);

    /** The components of one job, kept so the caller can watch progress and ask for an early end. */
    public record Built(Graph graph, Decode decode, Encode encode, Shots shots) {
    }

    public Built build(String in, String out) {
        boolean copy = "copy".equals(vcodec);
        if (copy && (crop != null || scale != null || fps != null || detectShots || crf != null || bitrate != null
                || preset != null || keyint != null || (keyframesAt != null && keyframesAt.length > 0))) {
            throw new IllegalArgumentException("--vcodec copy keeps the coded pictures: it cannot be combined with "
                    + "--crop, --scale, --fps, --shots, --crf, --bitrate, --preset, --keyint or --force-keyframes");
        }
        Decode.Audio audio = switch (acodec) {
            case "none" -> Decode.Audio.NONE;
            case "copy" -> Decode.Audio.COPY;
            case "aac", "opus" -> Decode.Audio.DECODE;
            default -> throw new IllegalArgumentException("unknown audio codec '" + acodec + "' (aac, opus, copy, none)");
        };
        Decode decode = new Decode(in, audio, start, duration, Map.of(), Decode.DEFAULT_TIMEOUT).copyVideo(copy);
        Muxer.Options mo = new Muxer.Options();
        if (format != null) {
            mo.format(format);
        }
        boolean global = Muxer.needsGlobalHeader(out, format);
        if (copy) {
            Graph.Builder g = Graph.builder("transcode").add("decode", decode).add("mux", new Mux(out, mo))
                    .link("decode", "mux.inbox", PACKET_LINK);
            addAudio(g, audio, global);
            return new Built(g.build(), decode, null, null);
        }
        VideoEncoder.Settings vs = new VideoEncoder.Settings().codec(vcodec);
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
        Encode encode = new Encode(vs, rate);
        Graph.Builder g = Graph.builder("transcode").add("decode", decode);
        String last = "decode";
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
        g.add("mux", new Mux(out, mo)).link("encode", "mux.inbox", PACKET_LINK);
        addAudio(g, audio, global);
        return new Built(g.build(), decode, encode, shots);
    }

    /**
     * The same video settings for one chunk of a chunked transcode: {@code duration} seconds (0: to
     * the end) from {@code start}, video only (audio is muxed once at the join), no shot detection and
     * no forced key frames (a chunk starts with one).
     */
    public TranscodeSpec chunk(double start, double duration) {
        return new TranscodeSpec(vcodec, "none", crf, bitrate, preset, scale, crop, fps, start, duration, keyint, null,
                null, false);
    }

    private void addAudio(Graph.Builder g, Decode.Audio audio, boolean global) {
        if (audio == Decode.Audio.COPY) {
            g.link("decode.audio", "mux.audio", AUDIO_LINK);
        } else if (audio == Decode.Audio.DECODE) {
            AudioEncoder.Settings as = new AudioEncoder.Settings().codec(acodec.toLowerCase(Locale.ROOT)).globalHeader(global);
            g.add("aencode", new AudioEncode(as)).link("decode.audio", "aencode.inbox", AUDIO_LINK)
                    .link("aencode", "mux.audio", AUDIO_LINK);
        }
    }
}
