package dev.reel.cli.transcode;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.options.JsonOption;
import dev.reel.cli.options.QuietOption;
import dev.reel.cli.progress.Progress;
import dev.reel.runtime.Scheduler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code reel transcode IN... --output-dir DIR}: the files transcoded a few at a time on one shared
 * runtime; a failed file does not stop the others, and they are listed at the end (exit code 6).
 */
final class TranscodeBatch {
    /** Files transcoded at once when {@code --jobs} is not given. */
    static final int DEFAULT_JOBS = 2;

    private final TranscodeJob job;
    private final int jobs;
    private final QuietOption quiet;
    private final JsonOption json;

    TranscodeBatch(TranscodeJob job, int jobs, QuietOption quiet, JsonOption json) {
        this.job = job;
        this.jobs = jobs > 0 ? jobs : DEFAULT_JOBS;
        this.quiet = quiet;
        this.json = json;
    }

    /** Runs every IN/OUT pair; returns the exit code. */
    int run(Scheduler scheduler, List<String[]> pairs, Progress.Mode mode) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        // Several bars at once would garble the terminal: bars give way to none; json lines stay.
        Progress.Mode each = mode == Progress.Mode.BAR ? Progress.Mode.NONE : mode;
        List<Future<Map<String, Object>>> futures = new ArrayList<>();
        for (String[] p : pairs) {
            futures.add(pool.submit(() -> job.run(scheduler, p[0], p[1], each)));
        }
        List<String> failures = new ArrayList<>();
        List<Map<String, Object>> done = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            try {
                done.add(futures.get(i).get());
                quiet.notice("reel: done " + pairs.get(i)[0] + " -> " + pairs.get(i)[1]);
            } catch (ExecutionException e) {
                failures.add(pairs.get(i)[0] + ": " + ExitCodes.message(e.getCause()));
            }
        }
        pool.shutdown();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("done", done);
        s.put("failed", failures);
        json.print(s);
        if (!failures.isEmpty()) {
            System.err.println(String.format(Locale.ROOT, "reel: %d of %d files failed:", failures.size(), pairs.size()));
            failures.forEach(f -> System.err.println("  " + f));
            return ExitCodes.PARTIAL;
        }
        return ExitCodes.OK;
    }
}
