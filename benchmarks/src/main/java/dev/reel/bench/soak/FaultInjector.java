package dev.reel.bench.soak;

import dev.reel.media.record.Manifest;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Injects a {@link FaultPlan}'s faults at their times: sender restarts (new picture size, codec
 * parameters or timestamps), silent pauses past the recorder's timeout, garbage datagrams, a full disk,
 * free space below {@code --min-free} and SIGKILLs of the recorder. Each becomes a {@link SoakRun.Window}
 * that explains what it causes, and a line of soak-events.csv.
 */
final class FaultInjector implements Runnable {
    private final SoakRun run;
    private final SoakProcesses procs;
    private final List<FaultPlan.Event> plan;
    private final Path events;

    FaultInjector(SoakRun run, SoakProcesses procs, List<FaultPlan.Event> plan, Path events) {
        this.run = run;
        this.procs = procs;
        this.plan = plan;
        this.events = events;
    }

    @Override
    public void run() {
        for (FaultPlan.Event e : plan) {
            try {
                while (!run.stopping && run.elapsed() < e.atSeconds()) {
                    Thread.sleep(100);
                }
                if (run.stopping) {
                    return;
                }
                long from = System.currentTimeMillis();
                // Listed while it lasts (open-ended), so what it causes meanwhile is explained.
                SoakRun.Window open = new SoakRun.Window(e.kind(), "in progress", from, Long.MAX_VALUE / 2);
                run.addFault(open);
                String detail = inject(e);
                long to = System.currentTimeMillis();
                run.removeFault(open);
                run.addFault(new SoakRun.Window(e.kind(), detail, from, to));
                run.count("fault-" + e.kind().name().toLowerCase(Locale.ROOT));
                run.note(e.kind() + " " + detail + String.format(Locale.ROOT, " (%.1f s)", (to - from) / 1000.0));
                synchronized (this) {
                    Files.writeString(events, String.format(Locale.ROOT, "%.1f,%s,%s%n", (from - run.t0) / 1000.0, e.kind(), detail),
                            StandardOpenOption.APPEND);
                }
            } catch (Exception ex) {
                run.fail("fault " + e.kind() + " could not be injected: " + ex);
            }
        }
    }

    private String inject(FaultPlan.Event e) throws Exception {
        Random rnd = new Random(e.variant());
        return switch (e.kind()) {
            case SENDER_RESTART -> restartSender(rnd);
            case SENDER_PAUSE -> {
                int secs = Soak.TIMEOUT_S + 2 + rnd.nextInt(6);
                procs.stopSender();
                Thread.sleep(secs * 1000L);
                procs.startSender();
                yield "silent " + secs + " s";
            }
            case GARBAGE -> garbage(rnd);
            case MIN_FREE -> belowMinFree();
            case DISK_FULL -> diskFull();
            case KILL -> {
                procs.killAndRestartRecorder();
                yield "SIGKILL, restarted";
            }
        };
    }

    private String restartSender(Random rnd) throws IOException, InterruptedException {
        String[] p = procs.senderParams();
        String what;
        switch (rnd.nextInt(3)) {
            case 0 -> {
                String[] sizes = {"640x360", "480x270", "320x240", "704x396"};
                p[0] = sizes[rnd.nextInt(sizes.length)];
                what = "picture size " + p[0];
            }
            case 1 -> {
                p[1] = rnd.nextBoolean() ? "25" : "50";
                p[2] = rnd.nextBoolean() ? "baseline" : "main";
                p[3] = rnd.nextBoolean() ? "250k" : "400k";
                what = "codec parameters gop " + p[1] + " " + p[2] + " " + p[3];
            }
            default -> {
                String old = p[4];
                p[4] = "0".equals(old) ? "36000" : "0";
                what = "timestamps " + old + " s -> " + p[4] + " s";
            }
        }
        procs.restartSender(p);
        return what;
    }

    private String garbage(Random rnd) throws IOException, InterruptedException {
        int n = 0;
        try (DatagramSocket s = new DatagramSocket()) {
            InetAddress lo = InetAddress.getLoopbackAddress();
            long end = System.currentTimeMillis() + 1000 + rnd.nextInt(2000);
            while (System.currentTimeMillis() < end) {
                byte[] b = new byte[rnd.nextBoolean() ? 1316 : 1 + rnd.nextInt(1500)];
                rnd.nextBytes(b);
                if (b.length == 1316 && rnd.nextBoolean()) {
                    for (int i = 0; i < b.length; i += 188) {
                        b[i] = 0x47; // looks like MPEG-TS packets: the demuxer takes them in
                    }
                }
                s.send(new DatagramPacket(b, b.length, lo, procs.port));
                n++;
                Thread.sleep(5);
            }
        }
        return n + " datagrams";
    }

    private String belowMinFree() throws IOException, InterruptedException {
        long free = Files.getFileStore(run.disk).getUsableSpace();
        long listed = segmentBytes();
        long deficit = Math.max(1L << 20, Math.min(6L << 20, listed / 2));
        long fill = Math.max(0, free - Soak.MIN_FREE_BYTES + deficit);
        Path filler = run.disk.resolve("filler");
        long wrote = fill(filler, fill);
        Thread.sleep(15_000);
        Files.deleteIfExists(filler);
        return String.format(Locale.ROOT, "free %.1f MiB below --min-free for 15 s", (wrote - free + Soak.MIN_FREE_BYTES) / 1048576.0);
    }

    private String diskFull() throws IOException, InterruptedException {
        // Right after a segment was listed: the next one fails while being written, not at its start.
        Path mf = run.dir.resolve(Manifest.FILE);
        long before = Files.exists(mf) ? Files.getLastModifiedTime(mf).toMillis() : 0;
        long end = System.currentTimeMillis() + 6000;
        while (System.currentTimeMillis() < end && (Files.exists(mf) ? Files.getLastModifiedTime(mf).toMillis() : 0) == before) {
            Thread.sleep(20);
        }
        Path filler = run.disk.resolve("filler");
        long wrote = fill(filler, Long.MAX_VALUE);
        Thread.sleep(1200);
        Files.deleteIfExists(filler);
        return String.format(Locale.ROOT, "disk full (%.1f MiB filler) for 1.2 s", wrote / 1048576.0);
    }

    private long segmentBytes() {
        try {
            Manifest m = Manifest.load(run.dir);
            return m == null ? 0 : m.segments.stream().mapToLong(s -> s.bytes).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Writes up to {@code max} bytes, stopping quietly at a full disk; returns what was written. */
    private static long fill(Path file, long max) {
        long wrote = 0;
        byte[] chunk = new byte[1 << 20];
        new Random(1).nextBytes(chunk);
        try (OutputStream o = new FileOutputStream(file.toFile())) {
            int size = chunk.length;
            while (wrote < max && size >= 4096) {
                int n = (int) Math.min(size, max - wrote);
                try {
                    o.write(chunk, 0, n);
                    o.flush();
                    wrote += n;
                } catch (IOException full) {
                    size /= 4;
                }
            }
        } catch (IOException e) {
            // full
        }
        return wrote;
    }
}
