package dev.reel.cli.transcode.chunks;

import dev.reel.cli.common.GraphRuns;
import dev.reel.cli.options.QuietOption;
import dev.reel.cli.transcode.spec.TranscodeSpec;
import dev.reel.media.component.AudioEncode;
import dev.reel.media.component.Decode;
import dev.reel.media.component.Mux;
import dev.reel.media.ffmpeg.AudioEncoder;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.runtime.Graph;
import dev.reel.runtime.LinkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The last step of a chunked job: the encoded chunks joined into OUT by stream copy, with the input's audio done once. */
final class ChunkJoin {
    private ChunkJoin() {
    }

    /** Joins the chunks by stream copy and muxes the audio (copied or encoded once); returns the frames written. */
    static long join(ChunkPlan plan, WorkDir wd, String out, TranscodeSpec spec, QuietOption quiet) {
        List<ChunkConcat.Part> parts = new ArrayList<>();
        for (ChunkPlan.Chunk c : plan.chunks()) {
            parts.add(new ChunkConcat.Part(wd.chunkFile(plan, c), plan.offset() + c.start()));
        }
        ChunkConcat concat = new ChunkConcat(parts);
        Muxer.Options mo = new Muxer.Options();
        if (spec.format() != null) {
            mo.format(spec.format());
        }
        Graph.Builder g = Graph.builder("chunk-join").add("concat", concat).add("mux", new Mux(out, mo))
                .link("concat", "mux.inbox", LinkSpec.capacity(64));
        TranscodeSpec.JoinAudio track = spec.joinAudio(plan.input(), out);
        if (track != null) {
            Decode.Audio mode = track.encoder() == null ? Decode.Audio.COPY : Decode.Audio.DECODE;
            // Only the chosen audio track is read (no video stream selected): one pass over the input.
            Decode audio = new Decode(plan.input(), Decode.Audio.COPY, 0, 0, Map.of(), Decode.DEFAULT_TIMEOUT);
            audio.select(-1, List.of(new Decode.AudioTrack(track.index(), mode)), -1);
            g.add("audio", audio);
            if (mode == Decode.Audio.COPY) {
                g.link("audio.audio", "mux.audio", LinkSpec.capacity(256));
            } else {
                quiet.notice("reel: " + out + ": audio → " + track.encoder());
                AudioEncoder.Settings as = new AudioEncoder.Settings().codec(track.encoder().toLowerCase(Locale.ROOT))
                        .globalHeader(Muxer.needsGlobalHeader(out, spec.format()));
                g.add("aencode", new AudioEncode(as)).link("audio.audio", "aencode.inbox", LinkSpec.capacity(256))
                        .link("aencode", "mux.audio", LinkSpec.capacity(256));
            }
        }
        GraphRuns.run(g.build());
        return concat.packets();
    }
}
