package dev.reel.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.Reel;
import dev.reel.cli.components.ComponentDocs;
import dev.reel.media.registry.ComponentRegistry;
import dev.reel.media.registry.Descriptor;
import dev.reel.media.registry.PropInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Every component is described from its own declarations, and every example parses. */
class ComponentsTest {
    private static final List<String> EXPECTED = List.of("decode", "crop", "scale", "fps", "encode", "aencode", "mux",
            "tee", "merge");

    @Test
    void registryHasEveryMediaAndRuntimeComponent() {
        List<String> names = ComponentRegistry.standard().all().stream().map(Descriptor::name).toList();
        assertTrue(names.containsAll(EXPECTED), names.toString());
        String list = ComponentDocs.list(ComponentRegistry.standard().all());
        for (Descriptor d : ComponentRegistry.standard().all()) {
            assertTrue(list.contains(d.name()) && list.contains(d.summary()), list);
        }
    }

    @Test
    void eachDescriptionRenders() {
        for (Descriptor d : ComponentRegistry.standard().all()) {
            String text = ComponentDocs.describe(d);
            assertTrue(text.startsWith(d.name()), text);
            assertTrue(text.contains("Boxes:") && text.contains("Properties:") && text.contains("Example:"), text);
            for (String box : d.sample().boxes().inboxes().keySet()) {
                assertTrue(text.contains(" " + box + " "), d.name() + " box " + box + "\n" + text);
            }
            for (PropInfo p : d.props()) {
                assertTrue(text.contains("  " + p.name() + " "), d.name() + " property " + p.name() + "\n" + text);
            }
            assertTrue(text.contains(d.example()), text);
        }
        String enc = ComponentDocs.describe(ComponentRegistry.standard().find("encode").orElseThrow());
        assertTrue(enc.matches("(?s).*\\n  crf +integer +- +0\\.\\.63 +constant quality.*"), enc);
        assertTrue(enc.matches("(?s).*\\n  out  outbox +StreamInfo, Packet +64 .*"), enc);
        String tee = ComponentDocs.describe(ComponentRegistry.standard().find("tee").orElseThrow());
        assertTrue(tee.contains("out0") && tee.contains("out1"), tee);
    }

    @Test
    void everyExampleParses() {
        for (Descriptor d : ComponentRegistry.standard().all()) {
            Assembler.Assembled a = Assembler.assemble(GraphText.inline(d.example()), ComponentRegistry.standard(), "ex");
            assertTrue(a.nodes().stream().anyMatch(n -> n.descriptor() == d), d.name());
        }
    }

    @Test
    void componentsCommand() throws Exception {
        String out = capture(() -> Reel.execute("components", "scale"));
        assertTrue(out.contains("size") && out.contains("width") && out.contains("reel run 'decode in.mp4 ! scale"), out);
        assertEquals(ExitCodes.USAGE, Reel.execute("components", "scael"));
    }

    static String capture(Callable<Integer> c) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, c.call());
        } finally {
            System.setOut(old);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
