package dev.reel.media.shots;

import java.util.List;

/**
 * Description of a registered detector: its name, what it does, its parameters and which one
 * {@code --threshold} sets ({@code mainParam}).
 */
public record DetectorInfo(String name, String description, String mainParam, List<ParamSpec> params) {
    public DetectorInfo {
        params = List.copyOf(params);
        if (params.stream().noneMatch(p -> p.name().equals(mainParam))) {
            throw new IllegalArgumentException("main parameter " + mainParam + " not among the parameters of " + name);
        }
    }

    public ParamSpec param(String name) {
        for (ParamSpec p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
