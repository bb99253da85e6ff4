package dev.reel.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a TrueType font for {@code drawtext}: the bundled FFmpeg has freetype but no fontconfig, so it needs a
 * font file. Content only gets nicer with text; without a font, labels fall back to boxes and truth is unchanged.
 */
final class Fonts {

    private static final List<String> PREFERRED = List.of(
            "dejavusans-bold.ttf", "dejavusans.ttf", "liberationsans-bold.ttf", "liberationsans-regular.ttf",
            "freesansbold.ttf", "freesans.ttf", "arialbd.ttf", "arial.ttf", "helvetica.ttc");

    private static volatile Optional<Path> cached;

    private Fonts() {
    }

    static Optional<Path> find() {
        Optional<Path> f = cached;
        if (f == null) {
            f = search();
            cached = f;
        }
        return f;
    }

    private static Optional<Path> search() {
        String override = System.getenv("REEL_FONT");
        if (override != null && Files.isRegularFile(Path.of(override))) {
            return Optional.of(Path.of(override)).filter(Fonts::usable);
        }
        List<Path> dirs = new ArrayList<>();
        String home = System.getProperty("user.home", "");
        // The usual system font directories of Linux and macOS.
        for (String d : List.of("/usr/share/fonts", "/usr/local/share/fonts", home + "/.fonts",
                home + "/.local/share/fonts", "/Library/Fonts", "/System/Library/Fonts")) {
            Path p = Path.of(d);
            if (Files.isDirectory(p)) {
                dirs.add(p);
            }
        }
        List<Path> fonts = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> s = Files.walk(dir, 4)) {
                s.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ttf"))
                        .filter(Fonts::usable)
                        .forEach(fonts::add);
            } catch (IOException | RuntimeException ignored) {
                // an unreadable font directory just means fewer candidates
            }
        }
        for (String name : PREFERRED) {
            for (Path p : fonts) {
                if (p.getFileName().toString().toLowerCase(Locale.ROOT).equals(name)) {
                    return Optional.of(p);
                }
            }
        }
        return fonts.stream().min(Comparator.comparing(Path::toString));
    }

    /** Paths with characters that need filtergraph escaping (incl. drive colons) are skipped, not escaped. */
    private static boolean usable(Path p) {
        String s = p.toAbsolutePath().toString();
        return s.chars().noneMatch(c -> c == '\'' || c == ',' || c == ';' || c == '[' || c == ']' || c == '%'
                || c == ':' || c == '\\');
    }

    /** The {@code fontfile=...} option value for drawtext, quoted for a filtergraph, or empty. */
    static Optional<String> drawtextFontOption() {
        return find().map(p -> "fontfile='" + p.toAbsolutePath() + "'");
    }
}
