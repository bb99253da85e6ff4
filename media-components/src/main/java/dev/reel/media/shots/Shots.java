package dev.reel.media.shots;

import dev.reel.media.annotation.DeclaredBoxes;
import dev.reel.media.frame.ForceKeyframe;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shot-change detection as a pipeline stage. Each frame gets a small analysis copy (about 256 px
 * wide, chosen from the input size) that the detector reads (an {@link AnalysisFrame} from
 * {@link AnalysisDecode} is read as it is and goes no further); the frame itself goes on unchanged,
 * held back by the detector's latency (a few frames) so that a {@link ForceKeyframe} can be sent
 * just before the first frame of each new shot. Transitions also leave on {@code shots} as they are
 * decided, so a live stream gets them with bounded delay.
 */
public final class Shots implements Component {
    private final ShotDetector detector;
    private final List<Transition> found = new ArrayList<>();
    private final ArrayDeque<VideoFrame> held = new ArrayDeque<>();
    // Gradual transitions are decided later than cuts after them: keep shot starts sorted.
    private final java.util.PriorityQueue<Long> keyAt = new java.util.PriorityQueue<>();
    private final ArrayDeque<Transition> toSend = new ArrayDeque<>();
    private final AnalysisCopier copier = new AnalysisCopier();
    private long index;
    private long nextOut;
    private int width;
    private int height;
    private double lastPts;
    private double firstPts = Double.NaN;
    private StreamInfo info;
    private Inbox<Object> in;
    private Outbox<Object> out;
    private Outbox<Object> shots;
    private boolean finished;
    private long lateKeyframes;

    public Shots(String detectorName, Map<String, String> params) {
        this.detector = Detectors.create(detectorName, params);
        detector.setListener(this::onTransition);
    }

    @dev.reel.media.annotation.ComponentDoc(name = "shots",
            summary = "Finds shot changes on a small analysis copy; frames pass on, with a key-frame request before each new shot",
            example = "decode in.mp4 ! shots ! crop auto ! encode crf=20 ! mux out.mp4",
            boxes = {@dev.reel.media.annotation.Box(name = "inbox", messages = {StreamInfo.class, VideoFrame.class}, capacity = 8),
                @dev.reel.media.annotation.Box(name = "outbox", messages = {StreamInfo.class, VideoFrame.class, ForceKeyframe.class}, capacity = 8),
                @dev.reel.media.annotation.Box(name = "shots", messages = {Transition.class}, capacity = 64)})
    public static Shots create(
            @dev.reel.media.annotation.Prop(name = "detector", def = "default",
                    doc = "default, content, adaptive, luma, histogram, hash, threshold, gradual") String detector,
            @dev.reel.media.annotation.Prop(name = "threshold", def = "",
                    doc = "the detector's main threshold (empty: the detector's default)") String threshold,
            @dev.reel.media.annotation.Prop(name = "min_shot", def = "0.6",
                    doc = "minimum shot length in seconds") String minShot,
            @dev.reel.media.annotation.Prop(name = "output", def = "", role = dev.reel.media.annotation.Prop.Role.OUTPUT,
                    doc = "write the shot list here at the end (.json, .csv, .edl or .qp)") String output) {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        if (threshold != null && !threshold.isEmpty()) {
            p.put("threshold", threshold);
        }
        p.put("min_shot", minShot);
        Shots s = new Shots(detector, p);
        if (output != null && !output.isEmpty()) {
            s.output = java.nio.file.Path.of(output);
        }
        return s;
    }

    private java.nio.file.Path output;
    private String inputName = "";

    /** Writes the shot list to {@code file} when the stream ends (format from the extension). */
    public Shots writeTo(java.nio.file.Path file, String input) {
        this.output = file;
        this.inputName = input;
        return this;
    }

    private void writeOutput() throws java.io.IOException {
        if (output == null || index == 0) {
            return;
        }
        ShotListFormats.write(result(inputName), output);
    }

    public ShotDetector detector() {
        return detector;
    }

    @Override
    public Boxes boxes() {
        return DeclaredBoxes.typed(Boxes.builder().out("shots", Transition.class).build(), Shots.class);
    }

    @Override
    public int cost() {
        return 2;
    }

    @Override
    public void open(Context ctx) {
        in = ctx.inbox();
        out = ctx.outbox();
        shots = ctx.outbox("shots");
    }

    private void onTransition(Transition t) {
        found.add(t);
        long start = t.startFrame();
        if (start >= nextOut) {
            keyAt.add(start);
        } else {
            lateKeyframes++;
        }
        if (shots.linked()) {
            toSend.add(t);
        }
    }

    @Override
    public Step step(Context ctx) {
        if (!toSend.isEmpty()) {
            shots.send(toSend.poll());
            return Step.CONTINUE;
        }
        if (held.size() > detector.latencyFrames() + 1 || (finished && !held.isEmpty())) {
            return emitOne();
        }
        if (finished) {
            return Step.DONE;
        }
        Object m = in.poll();
        if (m == null) {
            return Step.WAIT_INPUT;
        }
        if (m instanceof VideoFrame f) {
            analyse(f);
            held.add(f);
        } else if (m instanceof AnalysisFrame a) {
            analyse(a); // from AnalysisDecode: analysed, nothing to pass on
        } else {
            if (m instanceof StreamInfo s) {
                info = s;
            }
            out.send(m);
        }
        return Step.CONTINUE;
    }

    private Step emitOne() {
        while (!keyAt.isEmpty() && keyAt.peek() < nextOut) {
            keyAt.poll();
        }
        boolean keyHere = !keyAt.isEmpty() && keyAt.peek() == nextOut;
        if (keyHere && !keySent) {
            keySent = true;
            out.send(new ForceKeyframe("shot start"));
            return Step.CONTINUE;
        }
        if (keyHere) {
            keyAt.poll();
        }
        keySent = false;
        nextOut++;
        out.send(held.poll());
        return Step.CONTINUE;
    }

    private boolean keySent;

    private void analyse(VideoFrame f) {
        if (width == 0) {
            width = f.width();
            height = f.height();
        }
        analyse(copier.copy(f, index, f.seconds()));
    }

    private void analyse(AnalysisFrame a) {
        if (width == 0) {
            width = info != null ? info.width() : a.width();
            height = info != null ? info.height() : a.height();
        }
        if (Double.isNaN(firstPts)) {
            firstPts = a.pts();
        }
        lastPts = a.pts();
        detector.accept(a.set(index++, a.pts() - firstPts));
    }

    @Override
    public Step finish(Context ctx) throws java.io.IOException {
        if (!finished) {
            detector.finish();
            finished = true;
        }
        if (!toSend.isEmpty()) {
            shots.send(toSend.poll());
            return Step.CONTINUE;
        }
        if (!held.isEmpty()) {
            return emitOne();
        }
        writeOutput();
        return Step.DONE;
    }

    /** Frames analysed so far. */
    public long frames() {
        return index;
    }

    /** Transitions found so far (complete after the run). */
    public List<Transition> transitions() {
        return List.copyOf(found);
    }

    /** Shot starts decided after their frame had already left (no key frame forced there). */
    public long lateKeyframes() {
        return lateKeyframes;
    }

    /** The shot list of the whole run; call after it ended. */
    public ShotList result(String input) {
        double duration = Double.isNaN(firstPts) ? 0 : lastPts - firstPts + frameDuration();
        double fps = info != null && info.frameRate() != null && info.frameRate().num() > 0
                ? (double) info.frameRate().num() / info.frameRate().den() : (index > 1 ? (index - 1) / Math.max(1e-9, lastPts - firstPts) : 25);
        return ShotList.of(input, new ShotList.VideoInfo(width, height, Math.round(fps * 1000) / 1000.0, Math.max(1, index),
                Math.round(duration * 1000) / 1000.0), detector.name(), detector.params(), found);
    }

    private double frameDuration() {
        return index > 1 ? (lastPts - firstPts) / (index - 1) : 0;
    }

    @Override
    public void close() {
        held.forEach(VideoFrame::release);
        held.clear();
        copier.close();
    }
}
