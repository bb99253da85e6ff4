package dev.reel.media.component;

import dev.reel.media.ffmpeg.AudioEncoder;
import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.annotation.Box;
import dev.reel.media.annotation.ComponentDoc;
import dev.reel.media.annotation.Prop;
import dev.reel.runtime.Outbox;

/** Encodes audio frames (aac, opus); sends its {@link StreamInfo} before the first packet. */
public final class AudioEncode extends OneInOneOut {
    private final AudioEncoder.Settings settings;
    private AudioEncoder encoder;
    private final EncoderDrain drain = new EncoderDrain();

    public AudioEncode(AudioEncoder.Settings settings) {
        this.settings = settings;
    }

    @Override
    protected boolean sendOwed(Outbox<Object> out) {
        return encoder != null && EncoderDrain.sendReady(encoder::receive, out);
    }

    @Override
    protected void accept(Object m, Outbox<Object> out) {
        if (m instanceof StreamInfo info) {
            encoder = AudioEncoder.open(settings, info);
            out.send(encoder.streamInfo().withTags(info.tags())); // the language stays with the track
        } else if (m instanceof AudioFrame a) {
            try {
                encoder.send(a);
            } finally {
                a.release();
            }
        }
    }

    @Override
    protected boolean flush(Outbox<Object> out) {
        return encoder != null && drain.step(encoder::receive, encoder::sendEof, out);
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
        }
    }

    /** The shell's way to build it ({@code reel run}, {@code reel components aencode}). */
    @ComponentDoc(name = "aencode", aliases = {"audioencode"}, summary = "Encodes audio frames (aac, opus); needs decode audio=decode",
            example = "decode in.mp4 audio=decode ! encode ! mux out.mkv  decode.audio ! aencode codec=opus ! mux.audio",
            boxes = {@Box(name = "inbox", messages = {StreamInfo.class, AudioFrame.class}, capacity = 256),
                @Box(name = "outbox", messages = {StreamInfo.class, Packet.class}, capacity = 256)})
    public static AudioEncode create(
            @Prop(name = "codec", def = "aac", doc = "aac, opus, or an ffmpeg audio encoder name") String codec,
            @Prop(name = "bitrate", min = 1, doc = "bit/s, e.g. 128k (default: per channel, by codec)") Long bitrate,
            @Prop(name = "sampleRate", min = 1, doc = "output sample rate in Hz (default: the input's)") Integer sampleRate,
            @Prop(name = "channels", min = 1, doc = "output channels (default: the input's)") Integer channels,
            @Prop(name = "globalHeader", doc = "codec headers out of band; default: what the muxer downstream wants")
            Boolean globalHeader) {
        AudioEncoder.Settings s = new AudioEncoder.Settings().codec(codec);
        Given.set(bitrate, s::bitrate);
        Given.set(sampleRate, s::sampleRate);
        Given.set(channels, s::channels);
        Given.set(globalHeader, s::globalHeader);
        return new AudioEncode(s);
    }
}
