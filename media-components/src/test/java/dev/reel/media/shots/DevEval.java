package dev.reel.media.shots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Manual: {@code DevEval <dir with *.truth.json> <detector,...> [k=v...] [-v]}. Not a test. */
public final class DevEval {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        List<ShotsEvaluation.Sample> samples = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) if (p.toString().endsWith(".truth.json")) samples.add(ShotsEvaluation.Sample.fromTruthFile(p));
        }
        Map<String, String> params = new HashMap<>();
        boolean verbose = false;
        for (int i = 2; i < a.length; i++) {
            if (a[i].equals("-v")) { verbose = true; continue; }
            String[] kv = a[i].split("=", 2);
            params.put(kv[0], kv[1]);
        }
        for (String det : a[1].split(",")) {
            ShotsEvaluation.Result r = ShotsEvaluation.run(samples, det, params, (clip, sink) -> {
                try {
                    return RawFrameSource.decode(clip, sink);
                } catch (InterruptedException e) {
                    throw new java.io.IOException(e);
                }
            });
            System.out.println(r.summary());
            if (verbose) System.out.print(ShotsEvaluation.details(r));
        }
    }
}
