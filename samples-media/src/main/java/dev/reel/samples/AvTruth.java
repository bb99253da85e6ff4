package dev.reel.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Truth of an {@link SampleSuite#avClip} clip: a 1 kHz beep starts at audio sample {@code beepSample}
 * ({@code beepTime} s), which is the start of video frame {@code beepFrame} ({@code beepFrameTime} s) up to one
 * sample of rounding; a white square is shown on frames {@code markerFrames[0]..markerFrames[1]}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AvTruth(String input, int width, int height, int fps, int frames, double duration, int sampleRate,
                      int beepFrame, double beepFrameTime, long beepSample, double beepTime, double beepDuration,
                      List<Integer> markerFrames, int beepHz) {

    public static AvTruth read(Path file) throws IOException {
        return Truth.mapper().readValue(file.toFile(), AvTruth.class);
    }

    public void write(Path file) throws IOException {
        Truth.mapper().writeValue(file.toFile(), this);
    }
}
