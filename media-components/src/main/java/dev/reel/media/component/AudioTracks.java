package dev.reel.media.component;

import dev.reel.media.ffmpeg.AudioDecoder;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.runtime.Context;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.affinity.Affinity;
import java.util.List;

/**
 * The audio tracks a {@link Decode} reads, in output order: each track's stream, its box
 * ({@link Decode#audioBox}), and its decoder when the track is decoded rather than copied.
 */
final class AudioTracks {
    private final int[] index;
    private final StreamInfo[] info;
    private final AudioDecoder[] decoder;
    private final Outbox<Object>[] out;

    private AudioTracks(int n, Outbox<Object>[] out) {
        this.index = new int[n];
        this.info = new StreamInfo[n];
        this.decoder = new AudioDecoder[n];
        this.out = out;
    }

    /** No track (before open). */
    @SuppressWarnings("unchecked")
    static AudioTracks none() {
        return new AudioTracks(0, new Outbox[0]);
    }

    /** The boxes for {@code n} tracks (at least the first box, which ends at once when there is none). */
    @SuppressWarnings("unchecked")
    static AudioTracks boxes(Context ctx, int n) {
        Outbox<Object>[] out = new Outbox[Math.max(1, n)];
        for (int k = 0; k < out.length; k++) {
            out[k] = ctx.outbox(Decode.audioBox(k));
        }
        return new AudioTracks(n, out);
    }

    /**
     * Opens the tracks' streams, with a decoder for each decoded one (its threads may use every
     * core). Called on the instance already kept by the decode, so {@link #close} frees what a
     * failure half-way had opened.
     */
    void open(Demuxer demuxer, List<Decode.AudioTrack> tracks) {
        for (int k = 0; k < index.length; k++) {
            Decode.AudioTrack t = tracks.get(k);
            index[k] = t.index();
            info[k] = demuxer.stream(t.index());
            if (t.mode() == Decode.Audio.DECODE) {
                StreamInfo s = info[k];
                decoder[k] = Affinity.withAllCores(() -> new AudioDecoder(s));
            }
        }
    }

    int size() {
        return index.length;
    }

    /** The input's index of track {@code k}. */
    int index(int k) {
        return index[k];
    }

    /** Decoders drop what lies before {@code seconds} (after a seek). */
    void discardBefore(double seconds) {
        for (AudioDecoder d : decoder) {
            if (d != null) {
                d.discardBefore(seconds);
            }
        }
    }

    /** Each track's StreamInfo on its box; a box with no track ends, so a muxer need not wait for it. */
    void sendHeaders() {
        for (int k = 0; k < out.length; k++) {
            if (k < info.length) {
                out[k].send(info[k]);
            } else {
                out[k].end();
            }
        }
    }

    /** Sends one decoded frame of the first track that has one; true if it did. */
    boolean sendDecoded(DecodeClock clock) {
        for (int k = 0; k < decoder.length; k++) {
            if (decoder[k] == null) {
                continue;
            }
            AudioFrame a = decoder[k].receive();
            if (a != null) {
                clock.shift(a);
                out[k].send(a); // a full link holds the frame; the runtime waits
                return true;
            }
        }
        return false;
    }

    /** Hands a packet of stream {@code si} (output time {@code t}) to its tracks: decoded, or copied from time zero. */
    void accept(Packet p, int si, double t, DecodeClock clock) {
        for (int k = 0; k < index.length; k++) {
            if (si != index[k]) {
                continue;
            }
            if (decoder[k] != null) {
                decoder[k].send(p);
            } else if (t >= -Decode.EARLY_SLACK) {
                out[k].send(clock.shifted(p));
            }
        }
    }

    void sendEof() {
        for (AudioDecoder d : decoder) {
            if (d != null) {
                d.sendEof();
            }
        }
    }

    void close() {
        for (AudioDecoder d : decoder) {
            if (d != null) {
                d.close();
            }
        }
    }
}
