package dev.reel.samples;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Truth of a {@link SampleSuite#letterboxed} clip: the picture is {@code cropWidth x cropHeight} at
 * {@code cropX, cropY} inside a {@code width x height} frame (ffmpeg's {@code crop=w:h:x:y}); the rest is black.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CropTruth(String input, int width, int height, int frames, int fps, int cropWidth, int cropHeight,
                        int cropX, int cropY) {

    /** The rectangle as ffmpeg's crop filter takes it: {@code w:h:x:y}. */
    public String cropFilter() {
        return "crop=" + cropWidth + ":" + cropHeight + ":" + cropX + ":" + cropY;
    }

    public static CropTruth read(Path file) throws IOException {
        return Truth.mapper().readValue(file.toFile(), CropTruth.class);
    }

    public void write(Path file) throws IOException {
        Truth.mapper().writeValue(file.toFile(), this);
    }
}
