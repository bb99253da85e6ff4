package dev.reel.media.component;

import dev.reel.media.annotation.DeclaredBoxes;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.annotation.Box;
import dev.reel.media.annotation.ComponentDoc;
import dev.reel.media.annotation.Prop;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Step;
import dev.reel.runtime.buffer.RefCounted;

/**
 * Writes packets from {@code inbox} (video) and {@code audio} into one container. Each input starts
 * with its {@link StreamInfo}; the header is written once every linked input has given one (or
 * ended). Packets are taken oldest first across the inputs and libavformat interleaves them, so a
 * slow encoder never stalls the audio path into a deadlock. The file appears under its name only
 * when finished; a stop or failure deletes the partial file.
 */
public final class Mux implements Component {
    /** The default inputs: video, then audio. */
    static final java.util.List<String> DEFAULT_INPUTS = java.util.List.of(Boxes.INBOX, "audio");

    private final String target;
    private final Muxer.Options options;
    private final java.util.List<String> names;
    private Muxer muxer;
    private Inbox<Object>[] inputs;
    /** Once the header is written: the inputs that have a stream (null where none). */
    private Inbox<Object>[] writing;
    /** Per input: -2 not known yet, -1 no such stream, else the output stream index. */
    private int[] streams;
    private boolean header;
    private long packets;

    public Mux(String target, Muxer.Options options) {
        this(target, options, DEFAULT_INPUTS);
    }

    /**
     * A muxer with these inboxes; output streams are numbered in this order (each box's
     * {@link StreamInfo} is taken in turn), so the caller's order (video first) is the file's.
     */
    public Mux(String target, Muxer.Options options, java.util.List<String> inboxes) {
        if (inboxes.isEmpty() || !inboxes.get(0).equals(Boxes.INBOX)) {
            throw new IllegalArgumentException("the first input of a mux is its inbox");
        }
        this.target = target;
        this.options = options;
        this.names = java.util.List.copyOf(inboxes);
    }

    @Override
    public Boxes boxes() {
        Boxes.Builder b = Boxes.none();
        for (String n : names) {
            b.in(n, Object.class);
        }
        return DeclaredBoxes.typed(b.build(), Mux.class);
    }

    @Override
    public boolean blocking() {
        return target.equals("-") || target.contains("://");
    }

    @Override
    public void cancel() {
        Muxer m = muxer;
        if (m != null) {
            m.cancel();
        }
    }

    public long packets() {
        return packets;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(Context ctx) {
        inputs = new Inbox[names.size()];
        streams = new int[names.size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = ctx.inbox(names.get(i));
            streams[i] = -2;
        }
        muxer = Muxer.open(target, options);
    }

    /** -2: not known yet, -1: no such stream, else the output stream index. */
    private int resolve(Inbox<Object> in, int current) {
        if (current != -2) {
            return current;
        }
        if (!in.linked()) {
            return -1;
        }
        Object m = in.peek();
        if (m instanceof StreamInfo info) {
            in.poll();
            return muxer.addStream(info);
        }
        return m == null && in.ended() ? -1 : -2;
    }

    @Override
    public Step step(Context ctx) {
        if (!header) {
            boolean any = false;
            for (int i = 0; i < inputs.length; i++) {
                // In box order: a later box's stream is never added before an earlier one's.
                streams[i] = resolve(inputs[i], streams[i]);
                if (streams[i] == -2) {
                    return ctx.waitFor(inputs[i]); // wait on the missing header only, not on queued packets
                }
                any |= streams[i] >= 0;
            }
            if (!any) {
                return Step.WAIT_INPUT; // nothing to write: ends when the inputs end
            }
            muxer.writeHeader();
            header = true;
            writing = inputs.clone();
            for (int i = 0; i < inputs.length; i++) {
                if (streams[i] < 0) {
                    writing[i] = null;
                }
            }
        }
        int take = Interleave.oldest(writing);
        if (take < 0) {
            return Step.WAIT_INPUT;
        }
        Object m = inputs[take].poll();
        if (m instanceof Packet p) {
            try {
                muxer.write(p, streams[take]);
                packets++;
            } finally {
                p.release();
            }
        } else {
            RefCounted.releaseIfCounted(m);
        }
        return Step.CONTINUE;
    }

    @Override
    public Step finish(Context ctx) {
        if (header) {
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

    /** The shell's way to build it ({@code reel run}, {@code reel components mux}). */
    @ComponentDoc(name = "mux", summary = "Writes video and audio packets into a file ('-' for stdout) or URL, renamed into place when complete",
            example = "decode in.mp4 ! encode ! mux out.mp4  decode.audio ! mux.audio",
            boxes = {@Box(name = "inbox", messages = {StreamInfo.class, Packet.class}, capacity = 64,
                    doc = "video: the encoder's StreamInfo, then packets"),
                @Box(name = "audio", messages = {StreamInfo.class, Packet.class}, capacity = 256,
                    doc = "audio: a StreamInfo, then packets (copied or from aencode)")})
    public static Mux create(
            @Prop(name = "location", positional = true, required = true, role = Prop.Role.OUTPUT, sample = "out.mp4",
                    doc = "output file, '-' for stdout, or a URL") String location,
            @Prop(name = "format", doc = "container: mp4, matroska, webm, mpegts (default: from the extension)") String format,
            @Prop(name = "fragmented", def = "false", doc = "fragmented MP4: playable after a crash, streamable")
            boolean fragmented) {
        Muxer.Options o = new Muxer.Options().fragmented(fragmented);
        if (format != null) {
            o.format(format);
        }
        return new Mux(location, o);
    }
}
