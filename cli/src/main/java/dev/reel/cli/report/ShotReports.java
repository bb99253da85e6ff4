package dev.reel.cli.report;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import dev.reel.media.shots.ShotList;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** What {@code reel shots --html / --contact-sheet} write: each to a temporary name, renamed when complete. */
public final class ShotReports {
    private ShotReports() {
    }

    /** Fails early (before decoding) when an output's folder is missing or an output is the input. */
    public static void check(String input, Path... outputs) {
        for (Path p : outputs) {
            if (p == null) {
                continue;
            }
            Path dir = p.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new UserError(ExitCodes.OUTPUT, "cannot write " + p + ": no such writable folder");
            }
            if (p.toAbsolutePath().normalize().equals(Path.of(input).toAbsolutePath().normalize())) {
                throw new UserError(ExitCodes.OUTPUT, p + " is the input");
            }
        }
    }

    /** Grabs the shots' pictures once and writes the page and/or the sheet. */
    public static void write(String input, ShotList list, Path html, Path sheet) throws IOException {
        if (html == null && sheet == null) {
            return;
        }
        try (ShotFrames frames = ShotFrames.grab(input, list.shots(), ShotFrames.DEFAULT_WIDTH)) {
            if (html != null) {
                atomically(html, out -> {
                    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                    ShotReport.write(w, input, list, frames, html);
                    w.flush();
                });
            }
            if (sheet != null) {
                String title = Path.of(input).getFileName() + " — " + list.shots().size() + " shots";
                atomically(sheet, out -> ContactSheet.write(out, title, list.shots(), frames));
            }
        }
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void atomically(Path target, Body body) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
