package dev.reel.media.shots;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Manual exploration: {@code stats|detect <clip> <detector> [k=v...]}. Not a test. */
public final class DevTool {
    static void pair(Path clip, int i, int j) throws Exception {
        FrameSketch.Grid[] g = new FrameSketch.Grid[1];
        FrameSketch[] sk = new FrameSketch[2];
        RawFrameSource.decode(clip, f -> {
            if (g[0] == null) { g[0] = FrameSketch.Grid.forFrame(f); sk[0] = new FrameSketch(g[0]); sk[1] = new FrameSketch(g[0]); }
            if (f.index() == i) sk[0].compute(f);
            if (f.index() == j) sk[1].compute(f);
        });
        MotionMatcher m = new MotionMatcher(g[0].cols, g[0].rows, 3);
        m.matchRaw(sk[0], sk[1], 0.5f);
        System.out.printf("raw: median %.2f mean %.2f q75 %.2f  thumbStd %.1f %.1f lumaMean %.1f %.1f%n", m.median, m.mean, m.upperQuartile,
                sk[0].thumbStdY, sk[1].thumbStdY, sk[0].lumaMean, sk[1].lumaMean);
        float[] r = m.residuals();
        int bc = (g[0].cols + 3) / 4;
        for (int k = 0; k < r.length; k++) System.out.printf("%6.1f%s", r[k], (k + 1) % bc == 0 ? "\n" : "");
        m.matchNormalized(sk[0], sk[1], 0.5f);
        System.out.printf("normalized: median %.3f mean %.3f%n", m.median, m.mean);
    }

    public static void main(String[] a) throws Exception {
        String cmd = a[0];
        Path clip = Path.of(a[1]);
        if (cmd.equals("pair")) { pair(clip, Integer.parseInt(a[2]), Integer.parseInt(a[3])); return; }
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
