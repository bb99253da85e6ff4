package dev.reel.media.shots;

/** Kind of shot change; {@link #id()} is the name used in JSON and on the command line. */
public enum TransitionType {
    CUT("cut"), DISSOLVE("dissolve"), FADE_OUT("fade-out"), FADE_IN("fade-in"), WIPE("wipe");

    private final String id;

    TransitionType(String id) { this.id = id; }

    public String id() { return id; }

    public boolean gradual() { return this != CUT; }

    public static TransitionType of(String id) {
        for (TransitionType t : values()) {
            if (t.id.equalsIgnoreCase(id) || t.name().equalsIgnoreCase(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transition type '" + id + "'");
    }

    @Override
    public String toString() { return id; }
}
