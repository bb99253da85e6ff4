package dev.reel.runtime;

/** The in-band end-of-stream marker; never seen by component code. */
final class EndOfStream {
    static final EndOfStream INSTANCE = new EndOfStream();

    private EndOfStream() {
    }

    @Override
    public String toString() {
        return "EOS";
    }
}
