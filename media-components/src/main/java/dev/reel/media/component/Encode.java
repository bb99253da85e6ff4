package dev.reel.media.component;

import dev.reel.media.frame.ForceKeyframe;

import dev.reel.media.ffmpeg.VideoEncoder;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.media.annotation.Box;
import dev.reel.media.annotation.ComponentDoc;
import dev.reel.media.annotation.Prop;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.affinity.Affinity;

/**
 * Encodes video frames. The encoder is opened on the first frame, with that frame's size and pixel
 * format (so crop and scale upstream need no negotiation), and its {@link StreamInfo} is sent before
 * the first packet. A {@link ForceKeyframe} message makes the next frame a key frame.
 */
public final class Encode extends OneInOneOut {
    private final VideoEncoder.Settings settings;
    private final Rational frameRate;
    private VideoEncoder encoder;
    private StreamInfo source;
    private VideoFrame held;
    private boolean forceNext;
    private final EncoderDrain drain = new EncoderDrain();
    private boolean keepRotation;

    public Encode(VideoEncoder.Settings settings) {
        this(settings, null);
    }

    /** {@code frameRate} overrides the source's (after an fps change); null keeps it. */
    public Encode(VideoEncoder.Settings settings, Rational frameRate) {
        this.settings = settings;
        this.frameRate = frameRate;
    }

    /** The encoder settings, which may still be changed until the graph runs (e.g. an extra encoder option). */
    public VideoEncoder.Settings settings() {
        return settings;
    }

    /**
     * Tags the output with the source's display rotation (pictures left as stored, players rotate):
     * ffmpeg's {@code -noautorotate}. Without it the output carries no rotation, for frames that
     * were turned upright upstream ({@link Rotate}) or never needed it.
     */
    public Encode keepRotation(boolean keep) {
        this.keepRotation = keep;
        return this;
    }

    @Override
    public int cost() {
        return 10;
    }

    public long framesIn() {
        return encoder == null ? 0 : encoder.framesIn();
    }

    @Override
    protected boolean sendOwed(Outbox<Object> out) {
        if (encoder != null && EncoderDrain.sendReady(encoder::receive, out)) {
            return true;
        }
        if (held != null) {
            encode(held);
            held = null;
            return true;
        }
        return false;
    }

    @Override
    protected void accept(Object m, Outbox<Object> out) {
        if (m instanceof VideoFrame f) {
            if (encoder == null) {
                encoder = Affinity.withAllCores(() -> openEncoder(f)); // its threads may use every core
                out.send(describe(encoder.streamInfo()));
                held = f; // encoded next step, behind the header
                return;
            }
            encode(f);
        } else if (m instanceof StreamInfo info) {
            source = info;
        } else if (m instanceof ForceKeyframe) {
            forceNext = true;
        }
    }

    /** The encoder's stream with what belongs to the source: tags, HDR side data, rotation if kept. */
    private StreamInfo describe(StreamInfo encoded) {
        if (source == null) {
            return encoded;
        }
        StreamInfo s = encoded.withTags(source.tags()).withSideDataFrom(source,
                org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_MASTERING_DISPLAY_METADATA,
                org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_CONTENT_LIGHT_LEVEL);
        return keepRotation && source.rotation() != 0 ? s.withRotation(source.rotation()) : s;
    }

    private VideoEncoder openEncoder(VideoFrame f) {
        if (source == null) {
            return VideoEncoder.open(settings, f.width(), f.height(), f.pixelFormat(), f.timeBase(),
                    frameRate != null ? frameRate : new Rational(25, 1));
        }
        if (frameRate == null) {
            return VideoEncoder.open(settings, source, f);
        }
        return VideoEncoder.open(settings, f.width(), f.height(), f.pixelFormat(), source.timeBase(), frameRate);
    }

    private void encode(VideoFrame f) {
        try {
            if (forceNext) {
                encoder.forceNextKeyFrame();
                forceNext = false;
            }
            encoder.send(f);
        } finally {
            f.release();
        }
    }

    @Override
    protected boolean flush(Outbox<Object> out) {
        if (encoder == null) {
            return false;
        }
        if (held != null) {
            encode(held);
            held = null;
            return true;
        }
        return drain.step(encoder::receive, encoder::sendEof, out);
    }

    @Override
    public void close() {
        if (held != null) {
            held.release();
            held = null;
        }
        if (encoder != null) {
            encoder.close();
        }
    }

    /** The shell's way to build it ({@code reel run}, {@code reel components encode}). */
    @ComponentDoc(name = "encode", summary = "Encodes video frames (h264, hevc, vp9, av1, ...); opens on the first frame's size",
            example = "decode in.mp4 ! encode codec=h264 crf=20 preset=veryfast ! mux out.mp4",
            boxes = {@Box(name = "inbox", messages = {StreamInfo.class, VideoFrame.class, ForceKeyframe.class}, capacity = 8,
                    doc = "frames; a ForceKeyframe makes the next one a key frame"),
                @Box(name = "outbox", messages = {StreamInfo.class, Packet.class}, capacity = 64,
                    doc = "the encoder's StreamInfo, then packets")})
    public static Encode create(
            @Prop(name = "codec", def = "h264", doc = "h264 (libx264), hevc (libx265), vp9, av1 (SVT-AV1), openh264, "
                    + "or an ffmpeg encoder name") String codec,
            @Prop(name = "crf", min = 0, max = 63, doc = "constant quality (x264/x265: 0-51)") Integer crf,
            @Prop(name = "bitrate", min = 1, doc = "target bit/s, e.g. 2500k or 4M (instead of crf)") Long bitrate,
            @Prop(name = "preset", doc = "encoder preset, e.g. veryfast, medium, slow") String preset,
            @Prop(name = "gop", min = 1, doc = "most frames between key frames") Integer gop,
            @Prop(name = "threads", def = "0", min = 0, doc = "encoder threads (0: the encoder's choice)") int threads,
            @Prop(name = "frameRate", doc = "output rate (after fps): 30, 29.97, 30000/1001; default the source's")
            String frameRate,
            @Prop(name = "globalHeader", doc = "codec headers out of band; default: what the muxer downstream wants")
            Boolean globalHeader) {
        VideoEncoder.Settings s = new VideoEncoder.Settings().codec(codec).threads(threads);
        Given.set(crf, s::crf);
        Given.set(bitrate, s::bitrate);
        Given.set(preset, s::preset);
        Given.set(gop, s::gop);
        Given.set(globalHeader, s::globalHeader);
        return new Encode(s, frameRate == null ? null : Fps.parseRate(frameRate));
    }
}
