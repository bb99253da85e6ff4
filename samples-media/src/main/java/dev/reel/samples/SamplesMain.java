package dev.reel.samples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code DIR [--scale small|bench] [--seed N]}: writes the sample suite with its truth files into DIR. */
public final class SamplesMain {

    private SamplesMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        SampleSuite.Scale scale = SampleSuite.Scale.SMALL;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = SampleSuite.Scale.valueOf(value(args, ++i).toUpperCase(Locale.ROOT));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    if (args[i].startsWith("-") || dir != null) {
                        usage();
                        System.exit(2);
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        if (dir == null) {
            usage();
            System.exit(2);
        }
        long t0 = System.nanoTime();
        List<Sample> samples = SampleSuite.generate(dir, scale, seed);
        for (Sample s : samples) {
            Truth t = s.readTruth();
            System.out.printf(Locale.ROOT, "%-16s %4dx%-4d %6.2f fps %5d frames %3d transitions  %s%n", s.name(),
                    t.video().width(), t.video().height(), t.video().fps(), t.video().frames(),
                    t.transitions().size(), String.join(",", s.tags()));
        }
        System.out.printf(Locale.ROOT, "%d clips in %s (%.1f s)%n", samples.size(), dir,
                (System.nanoTime() - t0) / 1e9);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage();
            System.exit(2);
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: SamplesMain DIR [--scale small|bench] [--seed N]");
    }
}
