package dev.reel.media.shots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Renders a shot list in one of the output formats and writes it atomically. */
public final class ShotListFormats {
    private ShotListFormats() {
    }

    public static String render(ShotList list, String format) {
        return switch (format) {
            case "json" -> ShotListJson.toJson(list);
            case "csv" -> ShotListCsv.toCsv(list, true);
            case "edl" -> ShotListEdl.toEdl(list, "reel", "AX");
            case "qp" -> ShotListQp.toQp(list);
            default -> throw new IllegalArgumentException("unknown shots format '" + format + "' (json, csv, edl, qp)");
        };
    }

    /** The format a file name implies (.csv, .edl, .qp/.txt), json otherwise. */
    public static String formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".csv")) {
            return "csv";
        }
        if (n.endsWith(".edl")) {
            return "edl";
        }
        if (n.endsWith(".qp")) {
            return "qp";
        }
        return "json";
    }

    /** Writes {@code list} to {@code file} in the format its extension names. */
    public static void write(ShotList list, Path file) throws IOException {
        write(file, render(list, formatOf(file)));
    }

    /** Writes via a temporary name and an atomic rename, so a reader never sees half a file. */
    public static void write(Path file, String text) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".part");
        Files.writeString(tmp, text);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
