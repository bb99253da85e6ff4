package dev.reel.media.component;

/** In-band request: the next video frame on this link should be encoded as a key frame. */
public record ForceKeyframe(String reason) {
}
