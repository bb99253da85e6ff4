package dev.reel.media.shots;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validated parameter values of one detector instance: every parameter of its {@link DetectorInfo},
 * given or default. {@code threshold} is accepted as an alias of the main parameter.
 */
public final class Params {
    private final DetectorInfo info;
    private final Map<String, String> values = new LinkedHashMap<>();

    public Params(DetectorInfo info, Map<String, String> given) {
        this.info = info;
        for (ParamSpec p : info.params()) {
            values.put(p.name(), p.defaultValue());
        }
        if (given != null) {
            for (Map.Entry<String, String> e : given.entrySet()) {
                String key = e.getKey().trim().replace('-', '_');
                if (key.equals("threshold") && info.param("threshold") == null) {
                    key = info.mainParam();
                }
                ParamSpec spec = info.param(key);
                if (spec == null) {
                    throw new IllegalArgumentException("detector " + info.name() + " has no parameter '"
                        + e.getKey() + "'; parameters: " + String.join(", ", values.keySet()));
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("parameter " + key + " has no value");
                }
                values.put(key, spec.validate(e.getValue()));
            }
        }
    }

    public DetectorInfo info() { return info; }

    public Map<String, String> asMap() { return Collections.unmodifiableMap(values); }

    public String str(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return v;
    }

    public double num(String name) { return Double.parseDouble(str(name)); }

    public int integer(String name) { return (int) Double.parseDouble(str(name)); }

    public boolean bool(String name) { return Boolean.parseBoolean(str(name)); }

    public double[] list(String name) {
        String[] parts = str(name).split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }
}
