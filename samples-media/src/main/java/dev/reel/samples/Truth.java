package dev.reel.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Ground truth of one clip, in the same shape as reel's {@code shots} output so that a detection result can be
 * parsed with the same type and scored by {@link TruthScorer}.
 *
 * <p>Frames are 0-based in presentation order; {@code end_frame} is inclusive. A cut's {@code frame} is the first
 * frame of the new shot. A gradual transition spans the first to the last frame that is neither pure outgoing
 * nor pure incoming picture; for fades the fully black/white frames belong to the fade (a hold between a
 * fade-out and a fade-in is split between the two). Shots list the frames outside transitions, so shots plus
 * gradual transitions partition the clip. Times are presentation timestamps in seconds; a shot's {@code end} is
 * the end of its last frame, a transition's {@code end} the start of its last frame.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"input", "video", "tags", "shots", "transitions", "flashes", "notes"})
public record Truth(String input, Video video, List<String> tags, List<Shot> shots, List<Transition> transitions,
                    List<Integer> flashes, String notes) {

    public static final String CUT = "cut";
    public static final String DISSOLVE = "dissolve";
    public static final String FADE_IN = "fade-in";
    public static final String FADE_OUT = "fade-out";
    public static final String WIPE = "wipe";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Truth {
        tags = tags == null ? List.of() : List.copyOf(tags);
        shots = shots == null ? List.of() : List.copyOf(shots);
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        flashes = flashes == null ? List.of() : List.copyOf(flashes);
    }

    /** Video stream facts. {@code fps} is the nominal rate (average rate when {@code vfr}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"width", "height", "fps", "frames", "duration", "frame_rate", "vfr", "codec"})
    public record Video(int width, int height, double fps, int frames, double duration,
                        @JsonProperty("frame_rate") String frameRate, boolean vfr, String codec) {
    }

    @JsonPropertyOrder({"index", "start_frame", "end_frame", "start", "end"})
    public record Shot(int index, @JsonProperty("start_frame") int startFrame, @JsonProperty("end_frame") int endFrame,
                       double start, double end) {
    }

    /** A cut ({@code frame}, {@code time}) or a gradual transition ({@code start_frame}..{@code end_frame}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"type", "frame", "time", "start_frame", "end_frame", "start", "end"})
    public record Transition(String type, Integer frame, Double time,
                             @JsonProperty("start_frame") Integer startFrame,
                             @JsonProperty("end_frame") Integer endFrame, Double start, Double end) {

        public static Transition cut(int frame, double time) {
            return new Transition(CUT, frame, time, null, null, null, null);
        }

        public static Transition gradual(String type, int startFrame, int endFrame, double start, double end) {
            return new Transition(type, null, null, startFrame, endFrame, start, end);
        }

        /** A cut is anything given as a single frame (detectors may report gradual types that way too). */
        @JsonIgnore
        public boolean isCut() {
            return frame != null && (startFrame == null || CUT.equals(type));
        }

        /** First frame this transition covers (the cut frame for cuts). */
        @JsonIgnore
        public int firstFrame() {
            return isCut() ? frame : startFrame;
        }

        /** Last frame this transition covers (the cut frame for cuts). */
        @JsonIgnore
        public int lastFrame() {
            return isCut() ? frame : (endFrame != null ? endFrame : startFrame);
        }
    }

    @JsonIgnore
    public List<Integer> cutFrames() {
        return transitions.stream().filter(Transition::isCut).map(Transition::frame).toList();
    }

    @JsonIgnore
    public List<Transition> gradualTransitions() {
        return transitions.stream().filter(t -> !t.isCut()).toList();
    }

    public static Truth read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Truth.class);
    }

    public static Truth parse(String json) throws IOException {
        return MAPPER.readValue(json, Truth.class);
    }

    public void write(Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), this);
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON mapper used for all truth files of this module (indented, tolerant of unknown fields). */
    static ObjectMapper mapper() {
        return MAPPER;
    }
}
