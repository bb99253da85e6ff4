package dev.reel.media.record;

/**
 * A shot change found while recording, on the wall-clock timeline: a cut ({@code start == end},
 * the first frame of the new shot) or a gradual transition from {@code start} to {@code end}.
 *
 * @param type cut, dissolve, fade-in, fade-out... (the detector's transition type id)
 * @param score the detector's measure of strength
 */
public record ShotMark(long startMicros, long endMicros, String type, double score) {
}
