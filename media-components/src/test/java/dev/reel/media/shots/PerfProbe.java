package dev.reel.media.shots;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Manual per-frame cost probe (not a test): {@code PerfProbe [detector...]}. Feeds a 300-frame synthetic
 * clip at 256x144 (pans, cuts, a dissolve, a fade, a flash) ten times and prints the detector's thread
 * CPU time per frame (wall time is meaningless on a shared machine).
 */
public final class PerfProbe {
    public static void main(String[] a) {
        SyntheticFrames.Texture ta = new SyntheticFrames.Texture(1, 520, 300), tb = new SyntheticFrames.Texture(2, 520, 300);
        SyntheticFrames.Shot pa = SyntheticFrames.pan(ta, 0, 10, 3.3, 0.4), pb = SyntheticFrames.pan(tb, 40, 40, -0.7, 0.2);
        SyntheticFrames.Clip clip = new SyntheticFrames.Clip().shot(60, pa).shot(40, pb).dissolve(20, pb, pa).shot(40, pa)
                .flash(2, pa).shot(38, pa).fade(20, pa, true, 0).flat(10, 0).fade(20, pb, false, 0).shot(50, pb);
        List<byte[]> rgb = new ArrayList<>();
        clip.feed(30, null, f -> rgb.add(f.rgb().clone()));
        AnalysisFrame frame = new AnalysisFrame(SyntheticFrames.W, SyntheticFrames.H);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] names = a.length > 0 ? a : Detectors.names().toArray(new String[0]);
        for (String name : names) {
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                Map<String, String> params = new java.util.HashMap<>();
                for (String kv : System.getProperty("params", "").split(",")) if (kv.contains("=")) params.put(kv.split("=")[0], kv.split("=")[1]);
                ShotDetector d = Detectors.create(name, params);
                long n = 0, t0 = mx.getCurrentThreadCpuTime();
                for (int rep = 0; rep < 10; rep++) {
                    for (byte[] px : rgb) {
                        System.arraycopy(px, 0, frame.rgb(), 0, px.length);
                        frame.computeLumaFromRgb().set(n, n / 30.0);
                        d.accept(frame);
                        n++;
                    }
                }
                d.finish();
                best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n);
            }
            System.out.printf("%-10s %7.1f us/frame (thread CPU, incl. luma conversion) at %dx%d%n", name, best,
                    SyntheticFrames.W, SyntheticFrames.H);
        }
    }
}
