package dev.reel.cli.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a job counted in frames: a bar on a terminal (frames, fps, speed, ETA), one JSON line
 * per second for scripts, or nothing. Polls a counter from its own daemon thread, so the pipeline
 * never waits for the terminal.
 */
public final class Progress implements AutoCloseable {
    public enum Mode { BAR, JSON, NONE }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mode mode;
    private final String name;
    private final long total;
    private final double fps;
    private final LongSupplier frames;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private ProgressBar bar;
    private Thread ticker;
    private volatile boolean closed;

    private Progress(Mode mode, String name, long total, double fps, LongSupplier frames, PrintStream out) {
        this.mode = mode;
        this.name = name;
        this.total = total;
        this.fps = fps;
        this.frames = frames;
        this.out = out;
    }

    /** {@code auto}: a bar on a terminal, nothing otherwise. */
    public static Mode mode(String s, boolean quiet) {
        if (quiet) {
            return Mode.NONE;
        }
        return switch (s) {
            case "bar" -> Mode.BAR;
            case "json" -> Mode.JSON;
            case "none" -> Mode.NONE;
            case "auto" -> System.console() != null ? Mode.BAR : Mode.NONE;
            default -> throw new IllegalArgumentException("--progress must be bar, json, none or auto, got '" + s + "'");
        };
    }

    public static Progress start(Mode mode, String name, long totalFrames, double fps, LongSupplier frames) {
        Progress p = new Progress(mode, name, totalFrames, fps, frames, mode == Mode.JSON ? System.out : System.err);
        p.begin();
        return p;
    }

    private void begin() {
        if (mode == Mode.BAR) {
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total > 0 ? total : -1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" fr", 1)
                    .showSpeed().continuousUpdate().build();
        }
        if (mode != Mode.NONE) {
            ticker = new Thread(this::tick, "reel-progress");
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    private void tick() {
        while (!closed) {
            try {
                Thread.sleep(mode == Mode.JSON ? 1000 : 250);
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                report(false);
            }
        }
    }

    private synchronized void report(boolean end) {
        long n = frames.getAsLong();
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = secs > 0 ? n / secs : 0;
        double speed = fps > 0 ? rate / fps : 0;
        if (mode == Mode.BAR && bar != null) {
            bar.stepTo(n);
            bar.setExtraMessage(String.format(Locale.ROOT, "%.0f fps %.2fx", rate, speed));
        } else if (mode == Mode.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", name);
            m.put("frame", n);
            m.put("total_frames", total > 0 ? total : null);
            m.put("fps", Math.round(rate * 10) / 10.0);
            m.put("speed", Math.round(speed * 100) / 100.0);
            m.put("elapsed", Math.round(secs * 1000) / 1000.0);
            m.put("eta", total > 0 && rate > 0 ? Math.round(Math.max(0, total - n) / rate * 10) / 10.0 : null);
            m.put("progress", end ? "end" : "continue");
            try {
                out.println(JSON.writeValueAsString(m));
            } catch (Exception e) {
                // never fail a job for a progress line
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ticker != null) {
            ticker.interrupt();
        }
        report(true);
        if (bar != null) {
            bar.close();
        }
    }
}
