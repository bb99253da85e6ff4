package dev.reel.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** One generated clip: its video file, its {@code <name>.truth.json} and what it exercises. */
public record Sample(String name, Path video, Path truth, Set<String> tags) {

    public Sample {
        tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
    }

    public boolean has(String tag) {
        return tags.contains(tag);
    }

    public Truth readTruth() throws IOException {
        return Truth.read(truth);
    }
}
