package dev.reel.runtime.stats;

import java.util.List;

/** Every component and link of one running (or finished) graph at one moment. */
public record GraphSnapshot(String graph, long elapsedNanos, List<ComponentStats> components, List<LinkStats> links) {
}
