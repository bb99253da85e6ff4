package dev.reel.media.record;

import dev.reel.media.frame.StreamInfo;

/**
 * The streams of one connection to a live source: sent with every packet so a dropped message on
 * a leaky link never loses a header. A new connection makes a new instance (compare by identity).
 *
 * @param video the video stream (never null)
 * @param audio the first audio stream, or null
 * @param connection counts connections since the recorder started
 */
public record Streams(StreamInfo video, StreamInfo audio, int connection) {
    /** True when packets of {@code other} can continue a file started with these streams. */
    public boolean compatible(Streams other) {
        if (other == null) {
            return false;
        }
        if (other == this) {
            return true;
        }
        boolean audioSame = (audio == null) == (other.audio == null)
                && (audio == null || audio.codecId() == other.audio.codecId() && audio.sampleRate() == other.audio.sampleRate()
                        && audio.channels() == other.audio.channels());
        return audioSame && video.codecId() == other.video.codecId() && video.width() == other.video.width()
                && video.height() == other.video.height();
    }
}
