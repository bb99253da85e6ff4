package dev.reel.media.component;

import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.buffer.RefCounted;
import dev.reel.runtime.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Stream-copies video ({@code inbox}) and audio ({@code audio}) packets into a sequence of files,
 * starting a new file at the first video key frame at or after each boundary time (seconds from the
 * first video frame). A copy can only start a file on a key frame, so a boundary with no key frame
 * before the next one is skipped and its part stays in the previous file: the files always partition
 * the input, frame for frame. Each file is written under a temporary name and renamed when complete.
 */
public final class SplitMux implements Component {
    /** Where one file of the split begins. */
    public record Part(int boundary, double start, String path) {}

    private final double[] boundaries;
    private final IntFunction<String> target;
    private final Muxer.Options options;
    private final List<Part> parts = new ArrayList<>();
    private Inbox<Object> video;
    private Inbox<Object> audio;
    /** Video, then audio once it has a stream (null until then, and without one). */
    @SuppressWarnings("unchecked")
    private final Inbox<Object>[] writing = new Inbox[2];
    private StreamInfo videoInfo;
    private StreamInfo audioInfo;
    private boolean audioResolved;
    private Muxer muxer;
    private int videoStream = -1;
    private int audioStream = -1;
    private int next;
    private double origin = Double.NaN;

    /**
     * @param boundaries start times of the parts after the first, in seconds from the first frame
     * @param target file name of the part starting at boundary {@code i} (0: the start of the input)
     */
    public SplitMux(double[] boundaries, IntFunction<String> target, Muxer.Options options) {
        this.boundaries = boundaries.clone();
        Arrays.sort(this.boundaries);
        this.target = target;
        this.options = options;
    }

    @Override
    public Boxes boxes() {
        return Boxes.none().in(Boxes.INBOX, Object.class).in("audio", Object.class).build();
    }

    /** The files written so far, in order. */
    public List<Part> parts() {
        return List.copyOf(parts);
    }

    @Override
    public void open(Context ctx) {
        video = ctx.inbox();
        audio = ctx.inbox("audio");
        writing[0] = video;
    }

    @Override
    public Step step(Context ctx) {
        if (videoInfo == null) {
            Object m = video.poll();
            if (m instanceof StreamInfo info) {
                videoInfo = info;
            } else {
                RefCounted.releaseIfCounted(m);
                return video.ended() ? Step.DONE : Step.WAIT_INPUT;
            }
        }
        if (!audioResolved) {
            if (!audio.linked()) {
                audioResolved = true;
            } else if (audio.peek() instanceof StreamInfo info) {
                audio.poll();
                audioInfo = info;
                audioResolved = true;
                writing[1] = audio;
            } else if (audio.peek() == null && audio.ended()) {
                audioResolved = true;
            } else if (audio.peek() != null) {
                RefCounted.releaseIfCounted(audio.poll()); // packets before the header: cannot place them
                return Step.CONTINUE;
            } else {
                return ctx.waitFor(audio);
            }
        }
        int take = Interleave.oldest(writing);
        if (take < 0) {
            return Step.WAIT_INPUT;
        }
        boolean takeVideo = take == 0;
        Object m = writing[take].poll();
        try {
            if (m instanceof Packet p) {
                if (takeVideo) {
                    writeVideo(p);
                } else if (muxer != null) {
                    muxer.write(p, audioStream);
                }
            }
        } finally {
            RefCounted.releaseIfCounted(m);
        }
        return Step.CONTINUE;
    }

    private void writeVideo(Packet p) {
        if (p.keyFrame()) {
            if (Double.isNaN(origin)) {
                origin = p.seconds();
                startPart(0, 0);
            } else {
                double t = p.seconds() - origin;
                int reached = next;
                // Half a frame of slack: container timestamps are rounded.
                while (reached < boundaries.length && boundaries[reached] <= t + halfFrame()) {
                    reached++;
                }
                if (reached > next) {
                    next = reached;
                    muxer.finish();
                    muxer.close();
                    startPart(reached, t);
                }
            }
        }
        if (muxer != null) {
            muxer.write(p, videoStream);
        }
    }

    private double halfFrame() {
        var r = videoInfo.frameRate();
        return r != null && r.num() > 0 ? 0.5 * r.den() / r.num() : 0.02;
    }

    private void startPart(int boundary, double start) {
        String path = target.apply(boundary);
        muxer = Muxer.open(path, options);
        videoStream = muxer.addStream(videoInfo);
        audioStream = audioInfo != null ? muxer.addStream(audioInfo) : -1;
        muxer.writeHeader();
        parts.add(new Part(boundary, start, path));
    }

    @Override
    public Step finish(Context ctx) {
        if (muxer != null) {
            muxer.finish();
        }
        return Step.DONE;
    }

    @Override
    public void close() {
        if (muxer != null) {
            muxer.close(); // deletes the temporary file unless finished
        }
    }
}
