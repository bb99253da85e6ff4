package dev.reel.media.record;

import dev.reel.media.core.MediaException;
import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.VideoFrame;
import dev.reel.media.shots.AnalysisCopier;
import dev.reel.media.shots.AnalysisSize;
import dev.reel.media.shots.Detectors;
import dev.reel.media.shots.ShotDetector;
import dev.reel.media.shots.Transition;
import dev.reel.media.component.OneInOneOut;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.buffer.RefCounted;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Shot detection beside a recording: decodes the captured video ({@link Media}, reached through a
 * leaky link, so this branch never holds up the capture) and sends each shot change as a
 * {@link ShotMark} on the wall-clock timeline to the segmenter.
 *
 * <p>Packets lost on that link break decoding until the next key frame and would look like cuts:
 * after a hole in the timestamps the decoder and detector start afresh at the next key frame. A
 * new connection also starts afresh (its picture size may differ).
 */
public final class LiveShots extends OneInOneOut {
    private final String detectorName;
    private final RecordClock clock;
    private final ArrayDeque<ShotMark> toSend = new ArrayDeque<>();
    private Streams streams;
    private VideoDecoder decoder;
    private ShotDetector detector;
    private AnalysisCopier copier;
    private long index;
    private long lastWall = Long.MIN_VALUE;
    private boolean waitKey = true;
    private long restarts;

    public LiveShots(String detectorName, RecordClock clock) {
        Detectors.create(detectorName, Map.of()); // an unknown name fails now, not in the graph
        this.detectorName = detectorName;
        this.clock = clock;
    }

    @Override
    public int cost() {
        return 4;
    }

    @Override
    protected boolean sendOwed(Outbox<Object> out) {
        if (!toSend.isEmpty()) {
            out.send(toSend.poll());
            return true;
        }
        if (decoder != null) {
            VideoFrame f = decoder.receive();
            if (f != null) {
                analyse(f); // one frame per step; its marks go out in the next steps
                return true;
            }
        }
        return false;
    }

    @Override
    protected void accept(Object m, Outbox<Object> out) {
        if (m instanceof Media media) {
            try {
                if (media.video()) {
                    video(media.packet(), media.streams());
                }
            } finally {
                media.release();
            }
        } else {
            RefCounted.releaseIfCounted(m);
        }
    }

    private void video(Packet p, Streams s) {
        // Decode order: dts steps one frame at a time where pts jumps over reordered frames.
        long ts = p.dts() != org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE ? p.dts() : p.pts();
        long wall = clock.wall(p.timeBase().seconds(ts));
        long frame = 3 * frameMicros(s);
        if (s != streams || lastWall != Long.MIN_VALUE && (wall - lastWall > frame || lastWall - wall > 2_000_000)) {
            restart(s); // new connection, or packets lost on the way here
        }
        lastWall = Math.max(lastWall == Long.MIN_VALUE ? wall : lastWall, wall);
        if (waitKey) {
            if (!p.keyFrame()) {
                return;
            }
            waitKey = false;
        }
        try {
            decoder.send(p);
        } catch (MediaException e) {
            restart(s); // damaged data: start again at the next key frame
        }
    }

    private static long frameMicros(Streams s) {
        var fr = s.video().frameRate();
        return fr.isValid() ? Math.round(1e6 * fr.den() / fr.num()) : 40_000;
    }

    private void restart(Streams s) {
        finishDetector();
        closeDecoder();
        if (streams != null) {
            restarts++;
        }
        streams = s;
        decoder = new VideoDecoder(s.video(), new VideoDecoder.Options().threads(1).forAnalysisAt(AnalysisSize.DEFAULT_LONG_SIDE));
        detector = Detectors.create(detectorName, Map.of());
        detector.setListener(this::onTransition);
        copier = new AnalysisCopier();
        lastWall = Long.MIN_VALUE;
        waitKey = true;
    }

    private void analyse(VideoFrame f) {
        try {
            // Frame times are on the wall-clock timeline (see Capture), so transitions are too.
            detector.accept(copier.copy(f, index++, f.seconds()));
        } finally {
            f.release();
        }
    }

    private void onTransition(Transition t) {
        toSend.add(new ShotMark(clock.wall(t.start()), clock.wall(t.end()), t.type().id(), t.score()));
    }

    private void finishDetector() {
        if (detector != null) {
            if (decoder != null) {
                decoder.sendEof();
                VideoFrame f;
                while ((f = decoder.receive()) != null) {
                    analyse(f);
                }
            }
            detector.finish();
            detector = null;
        }
    }

    private void closeDecoder() {
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
        if (copier != null) {
            copier.close();
            copier = null;
        }
    }

    /** Times decoding started afresh (reconnects, holes from drops). */
    public long restarts() {
        return restarts;
    }

    @Override
    protected boolean flush(Outbox<Object> out) {
        finishDetector();
        closeDecoder();
        if (!toSend.isEmpty()) {
            out.send(toSend.poll());
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        closeDecoder();
    }
}
