package dev.reel.media.record;

import dev.reel.media.frame.ForceKeyframe;
import dev.reel.media.core.MediaException;
import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.frame.VideoFrame;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;
import dev.reel.runtime.buffer.RefCounted;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The decoding half of a transcoding recorder: {@link Media} from {@link Capture} in; decoded video
 * frames (timestamps kept, so still on the wall-clock timeline) out on {@code outbox} for scale and
 * encode, with a {@link ForceKeyframe} before the first frame at or after each segment or programme
 * boundary; audio packets (copied), {@link Streams} and {@link SourceEvent}s out on {@code audio},
 * straight to the segmenter. A new connection gets a new decoder.
 */
public final class LiveDecode implements Component {
    private final RecordClock clock;
    private final long segMicros;
    private final List<Programme> schedule;
    private Inbox<Object> in;
    private Outbox<Object> out;
    private Outbox<Object> audioOut;
    private VideoDecoder decoder;
    private Streams streams;
    private boolean headerSent;
    private long nextBoundary = Long.MIN_VALUE;
    private final ArrayDeque<Object> audioQ = new ArrayDeque<>();
    // One send per outbox per step (backpressure): header, key frame request and frame queue here.
    private final ArrayDeque<Object> videoQ = new ArrayDeque<>();
    private long corrupt;
    private boolean drained;

    public LiveDecode(RecordClock clock, double segmentSeconds, List<Programme> schedule) {
        this.clock = clock;
        this.segMicros = Math.round(segmentSeconds * 1e6);
        this.schedule = List.copyOf(schedule);
    }

    @Override
    public Boxes boxes() {
        return Boxes.builder().out("audio", Object.class).build();
    }

    @Override
    public int cost() {
        return 5;
    }

    @Override
    public void open(Context ctx) {
        in = ctx.inbox();
        out = ctx.outbox();
        audioOut = ctx.outbox("audio");
    }

    @Override
    public Step step(Context ctx) {
        if (sendOne(videoQ, out)) {
            return Step.CONTINUE;
        }
        if (decoder != null) {
            VideoFrame f = decoder.receive();
            if (f != null) {
                emit(f);
                return Step.CONTINUE;
            }
        }
        if (!audioQ.isEmpty() && audioOut.idle()) {
            // One send per step: a full link holds it and parks this component (backpressure).
            audioOut.send(audioQ.poll());
            return Step.CONTINUE;
        }
        Object m = in.poll();
        if (m == null) {
            return Step.WAIT_INPUT;
        }
        if (m instanceof Media media) {
            if (media.streams() != streams) {
                newConnection(media.streams());
            }
            if (media.video()) {
                try {
                    decoder.send(media.packet());
                } catch (MediaException e) {
                    corrupt++; // a damaged packet after a drop: the next key frame recovers
                } finally {
                    media.release();
                }
            } else {
                sendAudio(media);
            }
        } else if (m instanceof SourceEvent e) {
            sendAudio(e);
        } else {
            RefCounted.releaseIfCounted(m);
        }
        return Step.CONTINUE;
    }

    /**
     * Sends the head of {@code q} on {@code o} if {@code o} can take it (one send per outbox per step:
     * a full link holds it and parks this component); true while {@code q} holds something.
     */
    private static boolean sendOne(ArrayDeque<Object> q, Outbox<Object> o) {
        if (q.isEmpty()) {
            return false;
        }
        if (o.idle()) {
            o.send(q.poll());
        }
        return true;
    }

    private void sendAudio(Object m) {
        audioQ.add(m);
    }

    private void newConnection(Streams s) {
        if (decoder != null) {
            // Drain what the old connection left, so no frame is lost at a reconnect.
            decoder.sendEof();
            VideoFrame f;
            while ((f = decoder.receive()) != null) {
                emit(f);
            }
            decoder.close();
        }
        streams = s;
        decoder = new VideoDecoder(s.video());
        sendAudio(s); // the segmenter needs this connection's audio stream before its packets
    }

    private void emit(VideoFrame f) {
        if (!headerSent) {
            headerSent = true;
            videoQ.add(streams.video()); // the encoder takes the source's time base: timestamps stay wall-clock
        }
        long wall = clock.wall(f.seconds());
        if (wall >= nextBoundary) {
            if (nextBoundary != Long.MIN_VALUE) {
                videoQ.add(new ForceKeyframe("segment boundary"));
            }
            nextBoundary = boundaryAfter(wall);
        }
        videoQ.add(f);
    }

    /** The next segment-grid or programme boundary after {@code wall}. */
    long boundaryAfter(long wall) {
        long b = Math.floorDiv(wall, segMicros) * segMicros + segMicros;
        for (Programme p : schedule) {
            if (p.startMicros() > wall && p.startMicros() < b) {
                b = p.startMicros();
            }
            if (p.endMicros() > wall && p.endMicros() < b) {
                b = p.endMicros();
            }
        }
        return b;
    }

    public long corruptPackets() {
        return corrupt;
    }

    @Override
    public Step finish(Context ctx) {
        if (sendOne(videoQ, out) || sendOne(audioQ, audioOut)) {
            return Step.CONTINUE;
        }
        if (decoder != null) {
            if (!drained) {
                decoder.sendEof();
                drained = true;
            }
            VideoFrame f = decoder.receive();
            if (f != null) {
                emit(f);
                return Step.CONTINUE;
            }
            decoder.close();
            decoder = null;
        }
        return Step.DONE;
    }

    @Override
    public void close() {
        if (decoder != null) {
            decoder.close();
        }
        audioQ.forEach(RefCounted::releaseIfCounted);
        audioQ.clear();
        videoQ.forEach(RefCounted::releaseIfCounted);
        videoQ.clear();
    }
}
