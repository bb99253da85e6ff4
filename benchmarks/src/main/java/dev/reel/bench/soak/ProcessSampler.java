package dev.reel.bench.soak;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Samples one process from /proc (resident memory, open descriptors, threads, CPU) and, through the
 * attach API and JMX, its Java heap right after a full GC. Not thread-safe.
 */
final class ProcessSampler implements AutoCloseable {
    record Sample(long rssKb, long heapAfterGcKb, long fds, long threads, double cpuPercent) {
    }

    private static final double TICKS = 100.0; // USER_HZ on Linux

    private final long pid;
    private long lastTicks = -1;
    private long lastNanos;
    private JMXConnector jmx;
    private MemoryMXBean memory;

    ProcessSampler(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    Sample sample() {
        Path proc = Path.of("/proc", Long.toString(pid));
        long rss = statusField(proc, "VmRSS:");
        long threads = statusField(proc, "Threads:");
        long fds = -1;
        try (Stream<Path> s = Files.list(proc.resolve("fd"))) {
            fds = s.count();
        } catch (IOException | RuntimeException e) {
            // gone
        }
        double cpu = -1;
        long ticks = cpuTicks(proc);
        long now = System.nanoTime();
        if (ticks >= 0 && lastTicks >= 0) {
            cpu = 100.0 * (ticks - lastTicks) / TICKS / ((now - lastNanos) / 1e9);
        }
        if (ticks >= 0) {
            lastTicks = ticks;
            lastNanos = now;
        }
        return new Sample(rss, heapAfterGcKb(), fds, threads, cpu);
    }

    private long heapAfterGcKb() {
        try {
            if (memory == null) {
                VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
                String url;
                try {
                    url = vm.startLocalManagementAgent();
                } finally {
                    vm.detach();
                }
                jmx = JMXConnectorFactory.connect(new JMXServiceURL(url));
                MBeanServerConnection c = jmx.getMBeanServerConnection();
                memory = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            }
            memory.gc();
            return memory.getHeapMemoryUsage().getUsed() / 1024;
        } catch (Exception | LinkageError e) {
            close();
            return -1;
        }
    }

    private static long statusField(Path proc, String name) {
        try {
            for (String l : Files.readAllLines(proc.resolve("status"))) {
                if (l.startsWith(name)) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    private static long cpuTicks(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        memory = null;
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException | RuntimeException e) {
                // the process is gone
            }
            jmx = null;
        }
    }
}
