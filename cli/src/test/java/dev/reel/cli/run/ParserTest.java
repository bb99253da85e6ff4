package dev.reel.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.cli.common.ExitCodes;
import dev.reel.media.registry.ComponentRegistry;
import dev.reel.runtime.Leaky;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Graph text to graphs, and every kind of mistake pointing at its token. */
class ParserTest {
    private static Assembler.Assembled ok(String text) {
        return Assembler.assemble(GraphText.inline(text), ComponentRegistry.standard(), "run");
    }

    private static Map<String, Assembler.Edge> edges(Assembler.Assembled a) {
        return a.edges().stream().collect(Collectors.toMap(e -> e.from() + " -> " + e.to(), e -> e));
    }

    /** The error, checked to start at {@code token}'s first occurrence (or {@code at}) and to underline it. */
    private static GraphSyntaxError bad(String text, String token, String... inMessage) {
        return bad(text, text.indexOf(token), token.length(), inMessage);
    }

    private static GraphSyntaxError bad(String text, int at, int length, String... inMessage) {
        GraphSyntaxError e = assertThrows(GraphSyntaxError.class,
                () -> Assembler.assemble(GraphText.inline(text), ComponentRegistry.standard(), "run"));
        for (String m : inMessage) {
            assertTrue(e.getMessage().contains(m), () -> "'" + m + "' not in: " + e.getMessage());
        }
        assertEquals(at, e.start(), () -> "caret position in:\n" + e.render());
        String[] lines = e.render().split("\n");
        assertEquals("  " + text, lines[1]);
        assertEquals("  " + " ".repeat(at) + "^".repeat(length), lines[2], () -> e.render());
        assertEquals(ExitCodes.USAGE, e.exitCode());
        return e;
    }

    @Test
    void simpleChain() {
        Assembler.Assembled a = ok("decode in.mp4 ! crop auto ! encode crf=20 ! mux out.mp4");
        assertEquals(List.of("decode", "crop", "encode", "mux"), a.nodes().stream().map(Assembler.Node::name).toList());
        Map<String, Assembler.Edge> e = edges(a);
        assertEquals(8, e.get("decode.outbox -> crop.inbox").spec().capacity());
        assertEquals(64, e.get("encode.outbox -> mux.inbox").spec().capacity(), "packet links are deeper");
        assertEquals("20", a.nodes().get(2).properties().get("crf"));
        assertEquals("true", a.nodes().get(2).properties().get("globalHeader"), "mp4 wants global headers");
        assertEquals(2, a.paths().size(), "input and output named");
    }

    @Test
    void teeWithTwoBranchesAndAudio() {
        Assembler.Assembled a = ok("decode in.mp4 ! tee name=t  t. ! encode ! mux a.mp4  "
                + "t. ! scale 320:-2 ! encode crf=30 ! mux b.ts  decode.audio ! mux.audio");
        Map<String, Assembler.Edge> e = edges(a);
        assertTrue(e.containsKey("t.out0 -> encode.inbox"), e.keySet().toString());
        assertTrue(e.containsKey("t.out1 -> scale.inbox"), e.keySet().toString());
        assertTrue(e.containsKey("encode2.outbox -> mux2.inbox"), e.keySet().toString());
        assertEquals(256, e.get("decode.audio -> mux.audio").spec().capacity(), "audio waits for video in the muxer");
        assertEquals("2", a.nodes().get(1).properties().get("branches"));
        assertEquals("false", a.nodes().stream().filter(n -> n.name().equals("encode2")).findFirst().orElseThrow()
                .properties().get("globalHeader"), "mpegts wants in-band headers");
    }

    @Test
    void linkOptionsAndForwardReferences() {
        Assembler.Assembled a = ok("m.audio ! [capacity=32 leaky=oldest] ! x.audio  "
                + "decode in.mp4 name=m ! [100] ! encode ! mux out.mkv name=x");
        Map<String, Assembler.Edge> e = edges(a);
        assertEquals(32, e.get("m.audio -> x.audio").spec().capacity());
        assertEquals(Leaky.DROP_OLDEST, e.get("m.audio -> x.audio").spec().leaky());
        assertEquals(100, e.get("m.outbox -> encode.inbox").spec().capacity());
        assertTrue(a.describe().contains("m.audio -> x.audio [capacity=32 leaky=oldest]"), a.describe());
    }

    @Test
    void fileFormWithComments() {
        String text = "# a transcode with a thumbnail-sized copy\n"
                + "decode in.mp4 ! tee name=t   # split\n"
                + "t. ! encode preset=veryfast ! mux 'big file.mp4'\n"
                + "t. ! scale width=160 ! encode ! mux small.mkv\n";
        Assembler.Assembled a = Assembler.assemble(new GraphText(text, "g.reel"), ComponentRegistry.standard(), "g");
        assertEquals(7, a.nodes().size());
        assertEquals("big file.mp4", a.nodes().get(3).properties().get("location"));
        GraphSyntaxError e = assertThrows(GraphSyntaxError.class, () -> Assembler.assemble(
                new GraphText(text.replace("width=160", "widht=160"), "g.reel"), ComponentRegistry.standard(), "g"));
        String[] lines = e.render().split("\n");
        assertTrue(lines[0].startsWith("g.reel:4:12: scale has no property 'widht' (did you mean width?)"), lines[0]);
        assertEquals("  t. ! scale widht=160 ! encode ! mux small.mkv", lines[1]);
        assertEquals("  " + " ".repeat(11) + "^^^^^", lines[2]);
    }

    @Test
    void unknownComponentSuggestsNearest() {
        bad("decode in.mp4 ! encdoe ! mux out.mp4", "encdoe", "unknown component 'encdoe'", "did you mean encode");
    }

    @Test
    void unknownPropertyListsValidOnes() {
        bad("decode in.mp4 ! encode crff=20 ! mux out.mp4", "crff", "encode has no property 'crff'",
                "did you mean crf", "properties: codec, crf, bitrate, preset, gop, threads, frameRate, globalHeader");
    }

    @Test
    void wrongTypeAndRange() {
        bad("decode in.mp4 ! encode crf=high ! mux out.mp4", "high", "crf wants an integer, got 'high'");
        bad("decode in.mp4 ! encode crf=99 ! mux out.mp4", "99", "crf must be 0..63, got 99");
        bad("decode in.mp4 audio=loud ! encode ! mux out.mp4", "loud", "audio wants one of none|copy|decode");
        bad("decode in.mp4 ! crop 10:x ! encode ! mux out.mp4", "crop 10:x", "crop: crop wants integers");
    }

    @Test
    void missingValues() {
        bad("decode ! encode ! mux out.mp4", "decode", "decode needs location");
        bad("decode in.mp4 ! encode crf ! mux out.mp4", "crf", "property crf needs a value: crf=VALUE");
        bad("decode in.mp4 ! encode fast ! mux out.mp4", "fast", "encode takes no bare value");
    }

    @Test
    void boxesThatCannotLink() {
        bad("decode in.mp4 ! encode ! mux out.mp4  decode.audio ! encode2.inbox  tee name=x ! encode name=encode2 ! mux b.mp4",
                "decode.audio ! encode2.inbox",
                "cannot link decode.audio (sends Packet, AudioFrame) to encode2.inbox (accepts VideoFrame, ForceKeyframe): message types differ");
        bad("decode in.mp4 ! mux out.mp4", "decode in.mp4 ! mux out.mp4",
                "cannot link decode.outbox (sends VideoFrame) to mux.inbox (accepts Packet): message types differ");
    }

    @Test
    void runtimeBoxChecksPointAtTheLink() {
        bad("decode in.mp4 ! encode ! mux out.mp4  decode.audo ! mux.audio", "decode.audo ! mux.audio",
                "decode has no outbox 'audo' (has [signal, outbox, audio])");
        bad("decode in.mp4 ! encode ! mux out.mp4 ! encode", "mux out.mp4 ! encode", "mux has no outbox 'outbox'");
        bad("decode in.mp4 ! encode ! mux out.mp4  decode. ! scale 1:1", "decode. ! scale 1:1",
                "outbox decode.outbox is linked twice", "use a tee");
    }

    @Test
    void referencesAndNames() {
        bad("decode in.mp4 ! tee name=t  tt. ! encode ! mux a.mp4", "tt", "no component named 'tt'", "did you mean t");
        String twice = "decode in.mp4 name=a ! encode name=a ! mux out.mp4";
        bad(twice, twice.indexOf("name=a", 20) + 5, 1, "name 'a' is used twice");
    }

    @Test
    void syntax() {
        bad("decode in.mp4 ! encode !", 23, 1, "'!' at the end");
        bad("! encode", 0, 1, "'!' needs a component");
        bad("decode in.mp4 ! [64] encode", "encode", "link options are written between two '!'");
        bad("decode in.mp4 ! [size=64] ! encode ! mux o.mp4", "size", "unknown link option 'size'; link options: capacity, leaky");
        bad("decode in.mp4 ! [capacity=1] ! encode ! mux o.mp4", 26, 1, "link capacity must be 2..16777216, got 1");
        bad("decode in.mp4 ! [leaky=sometimes] ! encode ! mux o.mp4", "sometimes", "leaky wants none, oldest or newest");
        bad("decode 'in.mp4 ! encode", 7, 16, "unterminated quote");
        bad("   ", 0, 3, "empty graph");
        bad("crf=20 ! mux o.mp4", "crf=20", "property crf=20 has no component before it");
        // found by scripts/fuzz: a lone box reference made an empty graph, and running it never ended
        bad(" t. ", "t.", "a box reference t. on its own links nothing");
    }
}
