package dev.reel.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

/**
 * Runs the {@code ffmpeg} executable bundled in the {@code org.bytedeco:ffmpeg} natives jar, so the tools
 * and tests need no system FFmpeg and always use the same build as JavaCV.
 */
public final class Ffmpeg {

    /** Arguments put before the caller's: quiet, and never waiting on a terminal. */
    private static final List<String> COMMON = List.of("-hide_banner", "-loglevel", "error", "-nostdin");
    private static final int STDERR_TAIL_BYTES = 4096;

    private static volatile Path executable;

    private Ffmpeg() {
    }

    /** Path of the bundled ffmpeg executable, extracted by JavaCPP on first use and cached. */
    public static Path executable() {
        Path path = executable;
        if (path == null) {
            synchronized (Ffmpeg.class) {
                path = executable;
                if (path == null) {
                    String loaded = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
                    if (loaded == null) {
                        throw new IllegalStateException(
                                "no bundled ffmpeg executable for platform " + Loader.getPlatform());
                    }
                    path = Path.of(loaded);
                    executable = path;
                }
            }
        }
        return path;
    }

    /**
     * Runs ffmpeg with {@code args} (after {@code -hide_banner -loglevel error -nostdin}); stdout is discarded.
     *
     * @throws IOException with the tail of stderr when ffmpeg fails or exceeds {@code timeout} (it is killed then)
     */
    public static void run(List<String> args, Duration timeout) throws IOException {
        execute(args, timeout, false);
    }

    /** Like {@link #run} but returns everything ffmpeg wrote to stdout (e.g. {@code -f rawvideo -}). */
    public static byte[] output(List<String> args, Duration timeout) throws IOException {
        return execute(args, timeout, true);
    }

    /**
     * A process builder for the bundled ffmpeg with the same leading arguments and library path as {@link #run},
     * for callers that stream from or into the process themselves (and then own its lifetime).
     */
    public static ProcessBuilder processBuilder(List<String> args) {
        Path exe = executable();
        List<String> command = new ArrayList<>(args.size() + COMMON.size() + 1);
        command.add(exe.toString());
        command.addAll(COMMON);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        addLibraryPath(builder.environment(), exe.getParent());
        return builder;
    }

    private static byte[] execute(List<String> args, Duration timeout, boolean captureStdout) throws IOException {
        ProcessBuilder builder = processBuilder(args);
        if (!captureStdout) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process = builder.start();
        process.getOutputStream().close();

        TailBuffer stderr = new TailBuffer(STDERR_TAIL_BYTES);
        Thread errPump = pump(process.getErrorStream(), stderr, "ffmpeg-stderr");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Thread outPump = captureStdout ? pump(process.getInputStream(), stdout, "ffmpeg-stdout") : null;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                join(errPump);
                throw new IOException("ffmpeg timed out after " + timeout + ": " + describe(args)
                        + "\n" + stderr.text());
            }
            join(errPump);
            if (outPump != null) {
                join(outPump);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running ffmpeg: " + describe(args));
        }
        int code = process.exitValue();
        if (code != 0) {
            throw new IOException("ffmpeg exited with code " + code + ": " + describe(args) + "\n" + stderr.text());
        }
        return captureStdout ? stdout.toByteArray() : new byte[0];
    }

    /**
     * The bundled executable has an {@code $ORIGIN} run path, but the FFmpeg libraries beside it do not, so
     * their own dependencies (libva, ...) are only found through the loader's search path.
     */
    private static void addLibraryPath(Map<String, String> env, Path dir) {
        String var;
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win")) {
            var = "PATH";
        } else if (os.contains("mac")) {
            var = "DYLD_LIBRARY_PATH";
        } else {
            var = "LD_LIBRARY_PATH";
        }
        String old = env.get(var);
        env.put(var, old == null || old.isEmpty() ? dir.toString() : dir + java.io.File.pathSeparator + old);
    }

    private static void kill(Process process) throws IOException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t) throws InterruptedException {
        t.join(TimeUnit.SECONDS.toMillis(30));
    }

    private static Thread pump(InputStream in, OutputStream out, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[1 << 16];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
            } catch (IOException ignored) {
                // the process died; what was read so far is all there is
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String describe(List<String> args) {
        String joined = String.join(" ", args);
        return joined.length() <= 600 ? joined : joined.substring(0, 600) + " ...";
    }

    /** Keeps only the last bytes written: ffmpeg's useful error is at the end. */
    private static final class TailBuffer extends OutputStream {
        private final byte[] ring;
        private long written;

        TailBuffer(int size) {
            ring = new byte[size];
        }

        @Override
        public synchronized void write(int b) {
            ring[(int) (written++ % ring.length)] = (byte) b;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                ring[(int) (written++ % ring.length)] = b[off + i];
            }
        }

        synchronized String text() {
            int n = (int) Math.min(written, ring.length);
            byte[] out = new byte[n];
            int start = (int) ((written - n) % ring.length);
            for (int i = 0; i < n; i++) {
                out[i] = ring[(start + i) % ring.length];
            }
            return new String(out, StandardCharsets.UTF_8).strip();
        }
    }
}
