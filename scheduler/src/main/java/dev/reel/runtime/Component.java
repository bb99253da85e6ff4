package dev.reel.runtime;

/**
 * A unit of a reel graph: private state, named boxes, and a step function.
 *
 * <p>The contract:
 * <ul>
 * <li>The runtime never runs the methods of one component on two threads at once, and every call
 *     happens-before the next: a component is written as if single-threaded.</li>
 * <li>{@link #step} does a bounded amount of work and returns what the component waits for. It must
 *     not block (unless the component is placed {@linkplain Placement#threaded() on its own thread}):
 *     a full outbox parks the component, not the worker.</li>
 * <li>Messages arrive on inboxes and leave on outboxes; {@link Outbox#send} always accepts one message,
 *     after which the component is parked until the link has room (backpressure without busy retry).</li>
 * <li>Return {@link Step#WAIT_INPUT} only after taking what can be taken: input that is waiting makes
 *     the component runnable again at once. To wait for one box while others hold messages, return
 *     {@link Context#waitFor}.</li>
 * <li>When every data inbox has reached end-of-stream and the component waits for input, the runtime
 *     calls {@link #finish} until it returns {@link Step#DONE}, then sends end-of-stream downstream,
 *     behind the last message, and calls {@link #close}. Sources end by returning {@link Step#DONE}.</li>
 * <li>{@link #close} is always called exactly once, on success, stop or failure.</li>
 * </ul>
 */
public interface Component {

    /** The boxes this component has, with their message types. */
    default Boxes boxes() {
        return Boxes.DEFAULT;
    }

    /** Relative cost used by placement (an encoder is heavier than a tee). */
    default int cost() {
        return 1;
    }

    /** True when this component blocks (I/O, native threads) and so needs a thread of its own. */
    default boolean blocking() {
        return false;
    }

    /** Called once on the component's thread before the first step. */
    default void open(Context ctx) throws Exception {
    }

    /** Does a bounded amount of work. */
    Step step(Context ctx) throws Exception;

    /** Called once all data inboxes ended; emit what is left. Return {@link Step#DONE} when flushed. */
    default Step finish(Context ctx) throws Exception {
        return Step.DONE;
    }

    /** Releases resources. Called exactly once, on the component's thread. */
    default void close() throws Exception {
    }

    /**
     * Called from another thread when the graph stops, to unblock a component stuck in blocking
     * I/O (set an interrupt flag, close a socket). Must be thread-safe and must not free memory
     * the component's own thread may still use.
     */
    default void cancel() {
    }
}
