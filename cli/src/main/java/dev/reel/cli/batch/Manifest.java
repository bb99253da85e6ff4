package dev.reel.cli.batch;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch manifest: CSV with the header {@code command,input,output,options}; {@code command} is
 * {@code transcode} or {@code shots}; {@code options} that command's options as one (quoted) field.
 * Fields follow RFC 4180 (double quotes, doubled to escape). Relative paths are taken from the
 * manifest's directory, so a manifest travels with its files.
 */
public final class Manifest {
    public static final String HEADER = "command,input,output,options";

    /** One row; {@code line} is its line number in the file, for messages. */
    public record Row(int line, String command, String input, String output, String options) {
    }

    private Manifest() {
    }

    public static List<Row> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserError(ExitCodes.INPUT_MISSING, "no such manifest: " + file);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).replace("\uFEFF", "").strip().replace(" ", "").equalsIgnoreCase(HEADER)) {
            throw new UserError(ExitCodes.USAGE, file + ": the first line must be the header '" + HEADER + "'");
        }
        Path base = file.toAbsolutePath().getParent();
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            List<String> f = fields(l, file, i + 1);
            if (f.size() < 3 || f.size() > 4) {
                throw new UserError(ExitCodes.USAGE, file + ":" + (i + 1) + ": want command,input,output[,options], got "
                        + f.size() + " fields");
            }
            String cmd = f.get(0).strip();
            if (!cmd.equals("transcode") && !cmd.equals("shots")) {
                throw new UserError(ExitCodes.USAGE, file + ":" + (i + 1) + ": command must be transcode or shots, got '" + cmd + "'");
            }
            if (f.get(1).isBlank() || f.get(2).isBlank()) {
                throw new UserError(ExitCodes.USAGE, file + ":" + (i + 1) + ": empty input or output");
            }
            rows.add(new Row(i + 1, cmd, resolve(base, f.get(1).strip()), resolve(base, f.get(2).strip()),
                    f.size() > 3 ? f.get(3).strip() : ""));
        }
        return rows;
    }

    private static String resolve(Path base, String p) {
        return p.contains("://") ? p : base.resolve(p).normalize().toString();
    }

    static List<String> fields(String line, Path file, int n) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new UserError(ExitCodes.USAGE, file + ":" + n + ": unclosed quote");
        }
        out.add(cur.toString());
        return out;
    }
}
