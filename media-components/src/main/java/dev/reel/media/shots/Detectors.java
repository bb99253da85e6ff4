package dev.reel.media.shots;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Registry of the shot detectors by CLI name. {@code --threshold X} is {@code params.put("threshold", X)}:
 * it sets each detector's main parameter ({@link DetectorInfo#mainParam()}).
 *
 * <pre>{@code
 * ShotDetector d = Detectors.create("default", Map.of());
 * d.setListener(t -> System.out.println(t));
 * for (...) d.accept(frame);
 * d.finish();
 * }</pre>
 */
public final class Detectors {
    private record Entry(DetectorInfo info, Function<Params, ShotDetector> factory) {}

    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

    static {
        register(DefaultDetector.INFO, DefaultDetector::new);
        register(ContentDetector.INFO, ContentDetector::new);
        register(AdaptiveDetector.INFO, AdaptiveDetector::new);
        register(LumaDetector.INFO, LumaDetector::new);
        register(HistogramDetector.INFO, HistogramDetector::new);
        register(HashDetector.INFO, HashDetector::new);
        register(ThresholdDetector.INFO, ThresholdDetector::new);
        register(GradualDetector.INFO, GradualDetector::new);
    }

    private static void register(DetectorInfo info, Function<Params, ShotDetector> f) {
        REGISTRY.put(info.name(), new Entry(info, f));
    }

    private Detectors() {}

    /** Registered names, {@code default} first. */
    public static List<String> names() { return List.copyOf(REGISTRY.keySet()); }

    /** Description, parameters with defaults and ranges, and main parameter of a detector. */
    public static DetectorInfo info(String name) { return entry(name).info(); }

    public static List<DetectorInfo> infos() {
        List<DetectorInfo> out = new ArrayList<>();
        for (Entry e : REGISTRY.values()) {
            out.add(e.info());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * A new detector; {@code params} may be null or partial (defaults fill the rest). Unknown names,
     * unknown parameters and out-of-range values throw IllegalArgumentException with the valid choices.
     */
    public static ShotDetector create(String name, Map<String, String> params) {
        Entry e = entry(name);
        return e.factory().apply(new Params(e.info(), params));
    }

    private static Entry entry(String name) {
        Entry e = name == null ? null : REGISTRY.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("unknown detector '" + name + "'; detectors: " + String.join(", ", REGISTRY.keySet()));
        }
        return e;
    }
}
