package dev.reel.media.frame;

/** In-band request: the next video frame on this link should be encoded as a key frame. */
public record ForceKeyframe(String reason) {
}
