package dev.reel.runtime;

/**
 * What a component tells the runtime after a step: what it waits for before it should run again.
 * Returned values never allocate; the details of a wait (which box, how long) live in the
 * {@link Context} that produced the value ({@link Context#waitFor}, {@link Context#sleep}).
 */
public enum Step {
    /** Made progress and may make more: run again soon (after the other components on the worker). */
    CONTINUE,
    /** Nothing to do until a message (or end of stream) arrives on an inbox. */
    WAIT_INPUT,
    /** Nothing to do until a timer fires or a message arrives; set with {@link Context#sleep(long)}. */
    SLEEP,
    /** Finished: the runtime flushes what was sent, sends end-of-stream on every outbox and closes it. */
    DONE
}
