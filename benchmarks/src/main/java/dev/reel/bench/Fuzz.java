package dev.reel.bench;

import dev.reel.samples.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/fuzz [N] [SEED]}: N randomly damaged copies of a generated clip (bytes flipped, cut
 * short, chunks swapped) through {@code reel transcode}; every run must end within its time limit
 * with exit 0 or a documented error code, and the JVM must never crash. Exits 1 otherwise.
 */
public final class Fuzz {
    private static final Set<Integer> DOCUMENTED = Set.of(0, 3, 4);

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path dir = Files.createTempDirectory("reel-fuzz");
        Path clip = dir.resolve("clip.mp4");
        Ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440", "-t", "3", "-c:v", "libx264", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac",
                clip.toString()), Duration.ofSeconds(60));
        byte[] good = Files.readAllBytes(clip);
        Random rnd = new Random(seed);
        Map<Integer, Integer> codes = new TreeMap<>();
        int bad = 0;
        for (int i = 0; i < n; i++) {
            byte[] b = damage(good, rnd, i % 3);
            Path in = dir.resolve("fuzz.mp4");
            Files.write(in, b);
            ProcessBuilder pb = PeerRun.reel(List.of("transcode", in.toString(), dir.resolve("out.mkv").toString(), "-y", "-q",
                    "--preset", "ultrafast"));
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(dir.resolve("err.txt").toFile());
            Process p = pb.start();
            int code;
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                code = -1;
            } else {
                code = p.exitValue();
            }
            codes.merge(code, 1, Integer::sum);
            String err = Files.readString(dir.resolve("err.txt"));
            if (!DOCUMENTED.contains(code) || err.contains("\tat ") || err.contains("SIGSEGV")) {
                bad++;
                Path keep = dir.resolve("failing-" + i + ".mp4");
                Files.write(keep, b);
                System.out.println("# case " + i + ": exit " + code + " kept as " + keep + "\n" + err.strip());
            }
        }
        System.out.println("bench fuzz-runs " + n + " runs");
        System.out.println("bench fuzz-bad " + bad + " runs");
        System.out.println("# exit codes: " + codes);
        System.exit(bad == 0 ? 0 : 1);
    }

    static byte[] damage(byte[] good, Random rnd, int kind) {
        byte[] b = good.clone();
        switch (kind) {
            case 0 -> {
                for (int k = 0; k < 1 + b.length / 2000; k++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            case 1 -> b = Arrays.copyOf(b, 1 + rnd.nextInt(b.length - 1));
            default -> {
                int len = Math.max(16, b.length / 20);
                int x = rnd.nextInt(b.length - len);
                int y = rnd.nextInt(b.length - len);
                byte[] tmp = Arrays.copyOfRange(b, x, x + len);
                System.arraycopy(b, y, b, x, len);
                System.arraycopy(tmp, 0, b, y, len);
            }
        }
        return b;
    }
}
