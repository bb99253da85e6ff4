package dev.reel.media.shots;

import java.util.Map;
import java.util.Random;

/** Manual per-frame cost probe (not a test): {@code PerfProbe [detector...]}. */
public final class PerfProbe {
    public static void main(String[] a) {
        int w = 256, h = 144;
        AnalysisFrame[] frames = new AnalysisFrame[8];
        Random r = new Random(1);
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new AnalysisFrame(w, h);
            r.nextBytes(frames[i].rgb());
            frames[i].computeLumaFromRgb();
        }
        String[] names = a.length > 0 ? a : Detectors.names().toArray(new String[0]);
        for (String name : names) {
            for (int round = 0; round < 3; round++) {
                ShotDetector d = Detectors.create(name, Map.of());
                int n = 3000;
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    AnalysisFrame f = frames[(i / 40) % frames.length];
                    f.set(i, i / 30.0);
                    d.accept(f);
                }
                d.finish();
                double us = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n;
                if (round == 2) System.out.printf("%-10s %7.1f us/frame (thread CPU time) at %dx%d%n", name, us, w, h);
            }
        }
    }
}
