package dev.reel.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.runtime.components.Components;
import dev.reel.runtime.components.Merge;
import dev.reel.runtime.components.Tee;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Graph.Builder#build()} checks declared message types for every caller, not only the shell. */
class GraphTypeCheckTest {

    /** A source whose outbox declares these classes (never run). */
    private static Component sending(Class<?>... types) {
        return withBoxes(Boxes.none().out(Boxes.OUTBOX, types[0], Arrays.copyOfRange(types, 1, types.length)).build());
    }

    /** A sink whose inbox declares these classes (never run). */
    private static Component accepting(Class<?>... types) {
        return withBoxes(Boxes.none().in(Boxes.INBOX, types[0], Arrays.copyOfRange(types, 1, types.length)).build());
    }

    private static Component withBoxes(Boxes boxes) {
        return new Component() {
            @Override
            public Boxes boxes() {
                return boxes;
            }

            @Override
            public Step step(Context ctx) {
                return Step.DONE;
            }
        };
    }

    private static Graph link(Component from, Component to) {
        return Graph.builder("g").add("src", from).add("dst", to).link("src", "dst").build();
    }

    private static String refused(Component from, Component to) {
        return assertThrows(IllegalArgumentException.class, () -> link(from, to)).getMessage();
    }

    @Test
    void aLinkWhoseTypesCannotMeetIsRefusedNamingBothSides() {
        String m = refused(sending(Long.class), accepting(String.class));
        assertEquals("cannot link src.outbox (sends Long) to dst.inbox (accepts String): message types differ", m);
    }

    @Test
    void aSubclassMeetsItsSuperclassButNotTheOtherWayRound() {
        assertDoesNotThrow(() -> link(sending(Long.class), accepting(Number.class)));
        String m = refused(sending(Number.class), accepting(Long.class));
        assertTrue(m.contains("(sends Number)") && m.contains("(accepts Long)"), m);
    }

    @Test
    void severalDeclaredClassesMeetWhenAnyOneFits() {
        assertDoesNotThrow(() -> link(sending(String.class, Long.class), accepting(Integer.class, Long.class)));
        String m = refused(sending(String.class, Double.class), accepting(Integer.class, Long.class));
        assertTrue(m.contains("(sends String, Double)") && m.contains("(accepts Integer, Long)"), m);
    }

    @Test
    void untypedBoxesStayPermissive() {
        assertDoesNotThrow(() -> link(sending(Long.class), Components.sink(x -> { })));
        assertDoesNotThrow(() -> link(Components.source(List.of().iterator()), accepting(String.class)));
        // A generic stage (Object both ways) between two typed ends does not carry their types.
        assertDoesNotThrow(() -> Pipeline.of("p", LinkSpec.DEFAULT, sending(Long.class), Components.map(x -> x),
                accepting(String.class)));
    }

    @Test
    void everyBuilderIsChecked_pipelinesTeesMergesAndFanIns() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.of("p", LinkSpec.DEFAULT, sending(Long.class), accepting(String.class))).getMessage();
        assertTrue(m.contains("message types differ"), m);
        // A fan-in: the first producer fits, the second does not, and the second is named.
        m = assertThrows(IllegalArgumentException.class, () -> Graph.builder("fan").add("a", sending(String.class))
                .add("b", sending(Long.class)).add("dst", accepting(String.class))
                .link("a", "dst").link("b", "dst").build()).getMessage();
        assertTrue(m.startsWith("cannot link b.outbox (sends Long) to dst.inbox"), m);
        // Tees and merges are untyped, so typed sources and sinks can be joined through them.
        assertDoesNotThrow(() -> Graph.builder("tm").add("a", sending(Long.class)).add("tee", new Tee(1))
                .add("merge", new Merge(1)).add("dst", accepting(Long.class))
                .link("a", "tee").link("tee." + Tee.branch(0), "merge." + Merge.source(0)).link("merge", "dst").build());
    }

    @Test
    void nestedGraphsAreCheckedThroughTheBoxesTheyExpose() {
        Graph inner = Graph.builder("inner").add("strings", accepting(String.class)).exposeInbox("in", "strings.inbox")
                .build();
        String m = assertThrows(IllegalArgumentException.class, () -> Graph.builder("outer").add("src", sending(Long.class))
                .add("mid", inner).link("src", "mid.in").build()).getMessage();
        assertEquals("cannot link src.outbox (sends Long) to mid/strings.inbox (accepts String): message types differ", m);
    }

    @Test
    void aTypedSourceAndSinkThatMeetRun() {
        List<Number> got = new ArrayList<>();
        Graph g = Graph.builder("typed").add("src", Components.source(Long.class, List.of(1L, 2L, 3L).iterator()))
                .add("dst", Components.sink(Number.class, got::add)).link("src", "dst").build();
        try (Scheduler s = Scheduler.builder().workers(1).build()) {
            assertTrue(s.run(g).ok());
        }
        assertEquals(List.of(1L, 2L, 3L), got);
        assertThrows(IllegalArgumentException.class, () -> Graph.builder("typed")
                .add("src", Components.source(String.class, List.of("a").iterator()))
                .add("dst", Components.sink(Number.class, got::add)).link("src", "dst").build());
    }

    @Test
    void theCommonClassOfABoxIsWhatEveryMessageOnItIs() {
        assertEquals(Number.class, MessageTypes.of(Integer.class, Long.class).common());
        assertEquals(Object.class, MessageTypes.of(String.class, Long.class).common());
        assertEquals(Long.class, Boxes.none().out("o", Long.class).build().outboxes().get("o"));
        assertEquals(Object.class, Boxes.DEFAULT.inboxes().get(Boxes.INBOX));
        assertTrue(Boxes.DEFAULT.inboxTypes().get(Boxes.INBOX).untyped());
    }
}
