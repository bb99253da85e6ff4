/**
 * Synthetic media with known ground truth for reel's tests and benchmarks.
 *
 * <p>{@link dev.reel.samples.SampleSuite} renders clips with the FFmpeg executable bundled in the JavaCV natives
 * ({@link dev.reel.samples.Ffmpeg}), each from one filtergraph whose construction gives the exact frames of every
 * cut, dissolve, fade, wipe and flash; the truth is written beside each clip as {@code <name>.truth.json}
 * ({@link dev.reel.samples.Truth}) and detections in the same format are scored by
 * {@link dev.reel.samples.TruthScorer}. Everything is a pure function of the seed.
 */
package dev.reel.samples;
