package dev.reel.media.shots;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shots of a video, derived from its transitions, with what the output formats need.
 *
 * <p>Where shots split:
 * <ul>
 *   <li>a cut: at its frame (the first frame of the new shot);</li>
 *   <li>a dissolve or wipe spanning {@code s..e}: at its midpoint {@code s + (e-s+1)/2}, the first frame
 *       where the incoming shot dominates;</li>
 *   <li>a fade-out followed by a fade-in (fade through black/white): in the middle of the flat frames
 *       between them ({@code (e_out + 1 + s_in) / 2}), like PySceneDetect's threshold detector;</li>
 *   <li>a fade-in not preceded by a fade-out: at its first frame (not at frame 0);</li>
 *   <li>a fade-out not followed by a fade-in: no split (the flat frames stay with the faded shot; a
 *       following cut or dissolve makes the split).</li>
 * </ul>
 * Times of split frames inside a gradual transition are interpolated between the transition's start
 * and end times (exact for constant frame rate, close for variable). A shot's {@code end} is the start
 * time of the next shot (the last shot ends at the duration), {@code end_frame} is inclusive.
 */
public final class ShotList {

    /** One shot; frames are 0-based and inclusive, {@code end} is exclusive (start of the next shot). */
    public record Shot(int index, long startFrame, long endFrame, double start, double end) {
        public long frames() { return endFrame - startFrame + 1; }
        public double seconds() { return end - start; }
    }

    /** Properties of the analysed video (of the input, not of the analysis copy). */
    public record VideoInfo(int width, int height, double fps, long frames, double duration) {}

    private final String input;
    private final VideoInfo video;
    private final String detectorName;
    private final Map<String, String> detectorParams;
    private final List<Shot> shots;
    private final List<Transition> transitions;

    public ShotList(String input, VideoInfo video, String detectorName, Map<String, String> detectorParams,
                    List<Shot> shots, List<Transition> transitions) {
        this.input = input == null ? "" : input;
        this.video = Objects.requireNonNull(video, "video");
        this.detectorName = detectorName == null ? "" : detectorName;
        this.detectorParams = Collections.unmodifiableMap(new LinkedHashMap<>(detectorParams == null ? Map.of() : detectorParams));
        this.shots = List.copyOf(shots);
        this.transitions = List.copyOf(transitions);
    }

    /** Shots from transitions, for a video of {@code totalFrames} frames at nominal {@code fps}. */
    public static ShotList of(List<Transition> transitions, long totalFrames, double fps, double duration) {
        return of("", new VideoInfo(0, 0, fps, totalFrames, duration), "", Map.of(), transitions);
    }

    public static ShotList of(String input, VideoInfo video, String detectorName, Map<String, String> params,
                              List<Transition> transitions) {
        List<Transition> sorted = new ArrayList<>(transitions);
        sorted.sort((a, b) -> Long.compare(a.startFrame(), b.startFrame()));
        long total = video.frames();
        double fps = video.fps() > 0 ? video.fps() : 30;
        if (total <= 0) {
            throw new IllegalArgumentException("total frames must be positive");
        }
        // Boundary frame -> time, in frame order.
        List<long[]> frames = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Transition t = sorted.get(i);
            long b;
            double time;
            switch (t.type()) {
                case CUT -> { b = t.startFrame(); time = t.start(); }
                case DISSOLVE, WIPE -> {
                    b = t.startFrame() + (t.endFrame() - t.startFrame() + 1) / 2;
                    time = interpolate(t.startFrame(), t.start(), t.endFrame(), t.end(), b, fps);
                }
                case FADE_IN -> {
                    Transition prev = i > 0 ? sorted.get(i - 1) : null;
                    if (prev != null && prev.type() == TransitionType.FADE_OUT) {
                        long gapFrom = prev.endFrame() + 1;
                        b = Math.max(prev.startFrame() + 1, (gapFrom + t.startFrame()) / 2);
                        time = interpolate(prev.endFrame(), prev.end(), t.startFrame(), t.start(), b, fps);
                    } else {
                        b = t.startFrame();
                        time = t.start();
                    }
                }
                default -> { continue; } // FADE_OUT: split decided by what follows
            }
            if (b <= 0 || b >= total) {
                continue;
            }
            if (!frames.isEmpty() && frames.get(frames.size() - 1)[0] >= b) {
                continue;
            }
            frames.add(new long[]{b});
            times.add(time);
        }
        List<Shot> shots = new ArrayList<>();
        long start = 0;
        double startTime = 0;
        for (int i = 0; i <= frames.size(); i++) {
            long next = i < frames.size() ? frames.get(i)[0] : total;
            double nextTime = i < frames.size() ? times.get(i) : (video.duration() > 0 ? video.duration() : total / fps);
            shots.add(new Shot(shots.size() + 1, start, next - 1, startTime, nextTime));
            start = next;
            startTime = nextTime;
        }
        return new ShotList(input, video, detectorName, params, shots, sorted);
    }

    private static double interpolate(long f0, double t0, long f1, double t1, long f, double fps) {
        if (f1 > f0 && t1 >= t0) {
            return t0 + (t1 - t0) * (f - f0) / (double) (f1 - f0);
        }
        return t0 + (f - f0) / fps;
    }

    public String input() { return input; }
    public VideoInfo video() { return video; }
    public String detectorName() { return detectorName; }
    public Map<String, String> detectorParams() { return detectorParams; }
    public List<Shot> shots() { return shots; }
    public List<Transition> transitions() { return transitions; }

    /** First frames of shots 2..n. */
    public List<Long> boundaries() {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < shots.size(); i++) {
            out.add(shots.get(i).startFrame());
        }
        return out;
    }

    public ShotList withInput(String in) {
        return new ShotList(in, video, detectorName, detectorParams, shots, transitions);
    }
}
