package dev.reel.media.shots;

import dev.reel.samples.DevsetScorer.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers for real footage: finding the development set, and the default detector run as {@code reel shots} runs it. */
final class Devset {
    private Devset() {
    }

    /** The development set ({@code ../shared/devset} from the module or the repository root), or null (a user's clone). */
    static Path find() {
        for (String p : List.of("../shared/devset", "../../shared/devset")) {
            Path d = Path.of(p);
            if (Files.isRegularFile(d.resolve("truth.json"))) {
                return d;
            }
        }
        return null;
    }

    /** The default detector's transitions in {@code clip}; {@code sparse}: reference frames first, as reel shots runs. */
    static List<Span> detect(Path clip, boolean sparse) {
        ShotDetector d = Detectors.create("default", null);
        List<Span> out = new ArrayList<>();
        d.setListener(t -> out.add(new Span(t.startFrame(), t.endFrame())));
        SparseDecoder.forEach(clip.toString(), sparse, d::accept);
        d.finish();
        return out;
    }
}
