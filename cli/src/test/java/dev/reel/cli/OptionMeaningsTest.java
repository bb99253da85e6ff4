package dev.reel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.cli.common.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** One meaning per option name across every command: the same type, arity and help wherever a name appears. */
class OptionMeaningsTest {
    @Test
    void everyOptionNameMeansOneThingInEveryCommand() {
        Map<String, String> meaning = new HashMap<>();
        Map<String, String> where = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (CommandLine cl : commands(Reel.commandLine(), new ArrayList<>())) {
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (o.hidden()) {
                    continue;
                }
                String m = o.type().getSimpleName() + " " + o.arity() + " " + String.join(" ", o.description());
                for (String name : o.names()) {
                    String before = meaning.putIfAbsent(name, m);
                    String cmd = cl.getCommandSpec().qualifiedName();
                    where.putIfAbsent(name, cmd);
                    if (before != null && !before.equals(m) && SHARED.contains(name)) {
                        clashes.add(name + " in " + cmd + " (" + m + ") vs " + where.get(name) + " (" + before + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), clashes);
        for (String name : SHARED) {
            assertTrue(meaning.containsKey(name), name + " is declared somewhere");
        }
    }

    /** The names of the shared option groups (runtime, output, encoder). */
    private static final List<String> SHARED = List.of("--workers", "--stats", "--dot", "--json", "-q", "--quiet", "-y",
            "--overwrite", "--progress", "--vcodec", "--crf", "--bitrate", "--preset", "--scale", "--keyint");

    @Test
    void shotsSaysWhereThePerFrameCsvWentWhenStatsIsGivenAFile() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = Reel.execute("shots", "in.mp4", "--stats", "metrics.csv");
        } finally {
            System.setErr(old);
        }
        assertEquals(ExitCodes.USAGE, code);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--frame-stats FILE"), text);
        assertEquals(1, text.strip().lines().count(), "one line: " + text);
    }

    private static List<CommandLine> commands(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().values().forEach(c -> commands(c, out));
        return out;
    }
}
