package dev.reel.media.registry;

import dev.reel.media.annotation.ComponentDoc;
import dev.reel.media.annotation.Prop;

import dev.reel.runtime.Component;
import dev.reel.runtime.components.Merge;
import dev.reel.runtime.components.Tee;

/** Shell descriptions of the runtime's own components (the scheduler module stays free of them). */
public final class RuntimeComponents {
    private RuntimeComponents() {
    }

    @ComponentDoc(name = "tee", summary = "Sends every message to each branch (by reference; a leaky branch drops alone)",
            example = "decode in.mp4 ! tee name=t  t. ! encode ! mux a.mp4  t. ! scale 320:-2 ! encode crf=30 ! mux b.mkv",
            countOutboxes = "branches")
    public static Component tee(
            @Prop(name = "branches", doc = "number of branches (out0..outN-1); default: the branches linked", min = 1)
            Integer branches) {
        return new Tee(branches == null ? 1 : branches);
    }

    @ComponentDoc(name = "merge", summary = "Interleaves several inputs (in0..inN-1) fairly onto one outbox",
            example = "decode a.mp4 ! m.  decode b.mp4 ! m.  merge name=m ! encode ! mux out.mkv",
            countInboxes = "sources")
    public static Component merge(
            @Prop(name = "sources", doc = "number of inputs (in0..inN-1); default: the inputs linked", min = 1)
            Integer sources) {
        return new Merge(sources == null ? 1 : sources);
    }
}
