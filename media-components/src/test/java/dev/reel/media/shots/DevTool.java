package dev.reel.media.shots;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Manual exploration: {@code stats|detect <clip> <detector> [k=v...]}. Not a test. */
public final class DevTool {
    public static void main(String[] a) throws Exception {
        String cmd = a[0];
        Path clip = Path.of(a[1]);
        String det = a.length > 2 ? a[2] : "default";
        Map<String, String> params = new HashMap<>();
        for (int i = 3; i < a.length; i++) {
            String[] kv = a[i].split("=", 2);
            params.put(kv[0], kv[1]);
        }
        ShotDetector d = Detectors.create(det, params);
        List<Transition> ts = new ArrayList<>();
        d.setListener(ts::add);
        PrintWriter out = new PrintWriter(System.out);
        if (cmd.equals("stats")) StatsCsv.attach(d, out);
        long t0 = System.nanoTime();
        long[] cost = new long[1];
        long n = RawFrameSource.decode(clip, f -> {
            long s = System.nanoTime();
            d.accept(f);
            cost[0] += System.nanoTime() - s;
        });
        d.finish();
        out.flush();
        for (Transition t : ts) System.out.println(t);
        System.out.printf("frames=%d detect=%.3f ms/frame wall=%.1fs%n", n, cost[0] / 1e6 / n, (System.nanoTime() - t0) / 1e9);
    }
}
