package dev.reel.media.shots;

import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.core.MediaException;
import dev.reel.media.frame.StreamInfo;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;
import dev.reel.runtime.affinity.Affinity;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads one input and sends what a shot detector needs: the video {@link StreamInfo}, then one
 * {@link AnalysisFrame} per frame in presentation order (never a full picture). Decoding is the
 * {@link SparseDecoder}'s: reference frames first, the others only where the picture changes, unless
 * {@link #everyFrame(boolean)}. For analysis-only jobs ({@code reel shots}); a pipeline that also
 * encodes uses {@code decode ! shots}.
 */
public final class AnalysisDecode implements Component {
    private final String url;
    private final AtomicBoolean cancel = new AtomicBoolean();
    private volatile boolean endRequested;
    private volatile long frames;
    private boolean everyFrame;
    private Demuxer demuxer;
    private SparseDecoder decoder;
    private Outbox<Object> out;
    private boolean headerSent;

    public AnalysisDecode(String url) {
        this.url = url;
    }

    /** Decodes every frame (exact per-frame statistics); default false. */
    public AnalysisDecode everyFrame(boolean every) {
        this.everyFrame = every;
        return this;
    }

    @Override
    public Boxes boxes() {
        return Boxes.none().out(Boxes.OUTBOX, Object.class).build();
    }

    @Override
    public int cost() {
        return 5;
    }

    @Override
    public boolean blocking() {
        return url.equals("-") || url.contains("://") && !url.startsWith("file:");
    }

    @Override
    public void open(Context ctx) {
        out = ctx.outbox();
        demuxer = Demuxer.open(url, new Demuxer.Options().openTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(10)).cancelFlag(cancel));
        try {
            // Decoder threads are created here: let them use every core, not just this worker's.
            decoder = Affinity.withAllCores(() -> SparseDecoder.of(demuxer, !everyFrame, Affinity.allowedCores().size()));
        } catch (MediaException e) {
            // No video stream is the input's fault as it is; a codec we cannot open is too, said so.
            throw e.kind() == MediaException.Kind.NOT_MEDIA ? e : new MediaException(MediaException.Kind.CODEC, url + ": " + e.getMessage());
        }
    }

    @Override
    public Step step(Context ctx) {
        if (!headerSent) {
            headerSent = true;
            out.send(decoder.stream());
            return Step.CONTINUE;
        }
        if (endRequested || ctx.stopping()) {
            return Step.DONE;
        }
        AnalysisFrame f = decoder.next();
        if (f == null) {
            return Step.DONE;
        }
        frames = decoder.frames();
        out.send(f);
        return Step.CONTINUE;
    }

    /** Ends the input early but cleanly (Ctrl-C): what was sent is analysed. */
    public void requestEnd() {
        endRequested = true;
    }

    @Override
    public void cancel() {
        cancel.set(true);
    }

    /** Frames sent so far (any thread). */
    public long framesDecoded() {
        return frames;
    }

    /** The decoder, for its counters after the run. */
    public SparseDecoder decoder() {
        return decoder;
    }

    @Override
    public void close() {
        if (decoder != null) {
            decoder.close();
        }
        if (demuxer != null) {
            demuxer.close();
        }
    }
}
