package dev.reel.media.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads a programme schedule: CSV ({@code start,end,title}, times ISO 8601, local time when no
 * zone is given; a header line and {@code #} comments are skipped) or XMLTV ({@code <programme
 * start="20261130021500 +0000" stop="..."><title>}). Titles are kept as given; they become file
 * names only through {@link Names#sanitize}.
 */
public final class Schedule {
    private static final DateTimeFormatter XMLTV = DateTimeFormatter.ofPattern("yyyyMMddHHmmss[ Z]");

    private Schedule() {
    }

    public static List<Programme> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String head = text.stripLeading();
        List<Programme> list = head.startsWith("<") ? xmltv(file) : csv(text, ZoneId.systemDefault());
        list.sort(Comparator.comparingLong(Programme::startMicros));
        return list;
    }

    static List<Programme> csv(String text, ZoneId zone) {
        List<Programme> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\r?\n")) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(",", 3);
            if (f.length < 3) {
                throw new IllegalArgumentException("schedule line " + lineNo + ": want start,end,title");
            }
            if (lineNo == 1 && f[0].strip().equalsIgnoreCase("start")) {
                continue;
            }
            String title = f[2].strip();
            if (title.length() >= 2 && title.startsWith("\"") && title.endsWith("\"")) {
                title = title.substring(1, title.length() - 1).replace("\"\"", "\"");
            }
            try {
                out.add(new Programme(time(f[0].strip(), zone), time(f[1].strip(), zone), title));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("schedule line " + lineNo + ": bad time (" + e.getParsedString()
                        + "); use ISO 8601 like 2026-11-30T21:00:00Z");
            }
        }
        return out;
    }

    /** ISO 8601 with offset or zone, or local date-time in {@code zone}. */
    public static long time(String s, ZoneId zone) {
        try {
            return RecordClock.micros(Instant.parse(s));
        } catch (DateTimeParseException e) {
            // not UTC "Z" form
        }
        try {
            return RecordClock.micros(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            // no offset
        }
        try {
            return RecordClock.micros(ZonedDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            // no zone
        }
        return RecordClock.micros(LocalDateTime.parse(s.replace(' ', 'T')).atZone(zone).toInstant());
    }

    static List<Programme> xmltv(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // Outside input: no DTDs, no external entities.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null); // errors become the exception below, not stderr noise
            Document d = b.parse(in);
            NodeList nodes = d.getElementsByTagName("programme");
            List<Programme> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                NodeList titles = e.getElementsByTagName("title");
                String title = titles.getLength() > 0 ? titles.item(0).getTextContent().strip() : "untitled";
                out.add(new Programme(xmltvTime(e.getAttribute("start")), xmltvTime(e.getAttribute("stop")), title));
            }
            return out;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("not a readable XMLTV schedule: " + e.getMessage());
        }
    }

    static long xmltvTime(String s) {
        String t = s.strip();
        if (t.length() > 14 && t.charAt(14) != ' ') {
            t = t.substring(0, 14) + " " + t.substring(14).strip();
        }
        if (t.length() == 14) {
            return RecordClock.micros(LocalDateTime.parse(t, DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                    .atZone(ZoneId.systemDefault()).toInstant());
        }
        return RecordClock.micros(ZonedDateTime.parse(t, XMLTV).toInstant());
    }
}
