package dev.reel.media.ffmpeg;

import dev.reel.media.core.MediaException;

/**
 * Test fixture, not a tool: the child-process entry of {@link PipeTest}, running the
 * {@link TranscodeFixture} between stdin/stdout and files, because a test JVM's own fd 0/1 belong
 * to the test runner.
 */
public final class PipeMain {
    private PipeMain() {
    }

    /** {@code in out [format]}; "-" is stdin / stdout. Prints nothing itself. */
    public static void main(String[] args) {
        TranscodeFixture.Job job = new TranscodeFixture.Job(args[0], args[1]).video(
                new VideoEncoder.Settings().preset("ultrafast").crf(30));
        if (args.length > 2) {
            job.format(args[2]);
        }
        try {
            TranscodeFixture.run(job);
        } catch (MediaException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
