package dev.reel.media.shots;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * reel's shot-list JSON (also the ground-truth format of samples-media):
 * <pre>
 * {"input": "...", "video": {"width": W, "height": H, "fps": F, "frames": N, "duration": S},
 *  "detector": {"name": "...", "params": {...}},
 *  "shots": [{"index": 1, "start_frame": 0, "end_frame": 29, "start": 0.0, "end": 1.001}, ...],
 *  "transitions": [{"type": "cut", "frame": 30, "time": 1.001, "score": 41.2},
 *                  {"type": "dissolve", "start_frame": 180, "end_frame": 199, "start": 6.006, "end": 6.64, "score": 0.8}]}
 * </pre>
 * Times are written in seconds rounded to the millisecond, scores to 3 decimals; one shot or transition
 * per line. The reader accepts any whitespace and missing optional fields (score, detector, video size).
 */
public final class ShotListJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private ShotListJson() {}

    public static String toJson(ShotList list) {
        StringWriter w = new StringWriter();
        write(list, w);
        return w.toString();
    }

    public static void write(ShotList list, Path file) throws IOException {
        Files.writeString(file, toJson(list), StandardCharsets.UTF_8);
    }

    public static void write(ShotList list, Writer out) {
        try {
            ShotList.VideoInfo v = list.video();
            out.write("{\"input\": " + quote(list.input()) + ",\n");
            out.write(" \"video\": {\"width\": " + v.width() + ", \"height\": " + v.height() + ", \"fps\": "
                    + num(v.fps(), 6) + ", \"frames\": " + v.frames() + ", \"duration\": " + num(v.duration(), 3) + "},\n");
            StringBuilder p = new StringBuilder();
            for (Map.Entry<String, String> e : list.detectorParams().entrySet()) {
                if (p.length() > 0) {
                    p.append(", ");
                }
                p.append(quote(e.getKey())).append(": ").append(paramValue(e.getValue()));
            }
            out.write(" \"detector\": {\"name\": " + quote(list.detectorName()) + ", \"params\": {" + p + "}},\n");
            out.write(" \"shots\": [");
            List<ShotList.Shot> shots = list.shots();
            for (int i = 0; i < shots.size(); i++) {
                ShotList.Shot s = shots.get(i);
                out.write((i == 0 ? "" : ",\n           ") + "{\"index\": " + s.index() + ", \"start_frame\": " + s.startFrame()
                        + ", \"end_frame\": " + s.endFrame() + ", \"start\": " + num(s.start(), 3) + ", \"end\": " + num(s.end(), 3) + "}");
            }
            out.write("],\n \"transitions\": [");
            List<Transition> ts = list.transitions();
            for (int i = 0; i < ts.size(); i++) {
                out.write((i == 0 ? "" : ",\n                 ") + transition(ts.get(i)));
            }
            out.write("]}\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One transition as a compact JSON object. */
    public static String transition(Transition t) {
        if (t.isCut()) {
            return "{\"type\": \"cut\", \"frame\": " + t.startFrame() + ", \"time\": " + num(t.start(), 3)
                    + ", \"score\": " + num(t.score(), 3) + "}";
        }
        return "{\"type\": " + quote(t.type().id()) + ", \"start_frame\": " + t.startFrame() + ", \"end_frame\": " + t.endFrame()
                + ", \"start\": " + num(t.start(), 3) + ", \"end\": " + num(t.end(), 3) + ", \"score\": " + num(t.score(), 3) + "}";
    }

    static String num(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        String s = d.toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    private static String paramValue(String v) {
        if (v.equals("true") || v.equals("false")) {
            return v;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d) && !v.startsWith("+") && !v.endsWith(".")) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // not a number: a string
        }
        return quote(v);
    }

    private static String quote(String s) {
        try {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(w)) {
                g.writeString(s);
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- reading

    public static ShotList read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static ShotList parse(String json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("shot list JSON must be an object");
        }
        JsonNode v = root.path("video");
        ShotList.VideoInfo video = new ShotList.VideoInfo(v.path("width").asInt(0), v.path("height").asInt(0),
                v.path("fps").asDouble(0), v.path("frames").asLong(0), v.path("duration").asDouble(0));
        JsonNode d = root.path("detector");
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = d.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), e.getValue().asText());
        }
        List<Transition> transitions = new ArrayList<>();
        for (JsonNode t : root.path("transitions")) {
            transitions.add(parseTransition(t));
        }
        List<ShotList.Shot> shots = new ArrayList<>();
        for (JsonNode s : root.path("shots")) {
            shots.add(new ShotList.Shot(s.path("index").asInt(shots.size() + 1), req(s, "start_frame").asLong(),
                    req(s, "end_frame").asLong(), s.path("start").asDouble(0), s.path("end").asDouble(0)));
        }
        return new ShotList(root.path("input").asText(""), video, d.path("name").asText(""), params, shots, transitions);
    }

    public static Transition parseTransition(JsonNode t) throws IOException {
        TransitionType type;
        try {
            type = TransitionType.of(req(t, "type").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        double score = t.path("score").asDouble(0);
        if (type == TransitionType.CUT) {
            long f = t.has("frame") ? t.get("frame").asLong() : req(t, "start_frame").asLong();
            double time = t.has("time") ? t.get("time").asDouble() : t.path("start").asDouble(0);
            return Transition.cut(f, time, score);
        }
        return Transition.gradual(type, req(t, "start_frame").asLong(), req(t, "end_frame").asLong(),
                t.path("start").asDouble(0), t.path("end").asDouble(0), score);
    }

    private static JsonNode req(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IOException("missing field '" + field + "' in " + n);
        }
        return v;
    }
}
