package dev.reel.scaleout;

import java.util.Collections;
import java.util.Iterator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;

/**
 * One work item as a source split: a reader is handed one split at a time and asks for the next when
 * it is done, so an idle slot pulls the next item (dynamic balancing, long items first as given).
 */
public final class WorkSplit implements IteratorSourceSplit<String, Iterator<String>> {
    private final String id;
    private final String item;
    private final boolean consumed;

    public WorkSplit(String id, String item, boolean consumed) {
        this.id = id;
        this.item = item;
        this.consumed = consumed;
    }

    @Override
    public String splitId() {
        return id;
    }

    String item() {
        return item;
    }

    boolean consumed() {
        return consumed;
    }

    @Override
    public Iterator<String> getIterator() {
        return consumed ? Collections.emptyIterator() : Collections.singletonList(item).iterator();
    }

    @Override
    public IteratorSourceSplit<String, Iterator<String>> getUpdatedSplitForIterator(Iterator<String> it) {
        return new WorkSplit(id, item, !it.hasNext());
    }

    @Override
    public String toString() {
        return "WorkSplit[" + id + (consumed ? ", consumed]" : "]");
    }
}
