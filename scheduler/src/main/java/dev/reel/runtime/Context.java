package dev.reel.runtime;

/**
 * A component's view of the runtime: its boxes, its name, and the waits it can ask for.
 * Look boxes up once in {@link Component#open} and keep them; lookups by name are not free.
 */
public interface Context {

    /** The component's name in its graph (with the path of enclosing graphs, joined by '/'). */
    String name();

    /** The inbox called {@code name}; an error if the component did not declare it. */
    <T> Inbox<T> inbox(String name);

    /** The outbox called {@code name}; an error if the component did not declare it. */
    <T> Outbox<T> outbox(String name);

    default <T> Inbox<T> inbox() {
        return inbox(Boxes.INBOX);
    }

    default <T> Outbox<T> outbox() {
        return outbox(Boxes.OUTBOX);
    }

    /** Wait for input on these inboxes only (instead of any inbox); returns {@link Step#WAIT_INPUT}. */
    Step waitFor(Inbox<?>... inboxes);

    /** Sleep for {@code nanos} or until input arrives; returns {@link Step#SLEEP}. */
    Step sleep(long nanos);

    /** True when every data inbox (all but {@code control}) has ended. */
    boolean inputEnded();

    /** True once the graph is stopping; a long step should return promptly. */
    boolean stopping();
}
