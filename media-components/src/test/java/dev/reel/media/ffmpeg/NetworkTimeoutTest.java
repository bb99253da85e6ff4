package dev.reel.media.ffmpeg;

import dev.reel.media.core.MediaException;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.reel.media.frame.Packet;

/** A hung network source must not block forever: deadlines and cancel() abort blocking I/O. */
class NetworkTimeoutTest {
    private ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    /** Accepts connections; sends {@code body} (if any) after an HTTP header, then stalls. */
    private String serve(byte[] body) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                for (;;) {
                    Socket s = server.accept();
                    held.add(s);
                    if (body != null) {
                        InputStream in = s.getInputStream();
                        byte[] buf = new byte[4096];
                        int n = in.read(buf); // the request; good enough for one small GET
                        if (n > 0) {
                            OutputStream out = s.getOutputStream();
                            out.write("HTTP/1.0 200 OK\r\nContent-Type: video/mp2t\r\n\r\n".getBytes());
                            out.write(body);
                            out.flush();
                        }
                    }
                }
            } catch (IOException closed) {
                // test over
            }
        }, "stalling-server");
        t.setDaemon(true);
        t.start();
        return "http://127.0.0.1:" + server.getLocalPort() + "/live.ts";
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void openTimesOutOnSilentServer() throws IOException {
        String url = serve(null);
        long t0 = System.nanoTime();
        MediaException e = assertThrows(MediaException.class,
                () -> Demuxer.open(url, new Demuxer.Options().openTimeout(Duration.ofMillis(700))));
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(MediaException.Kind.TIMEOUT, e.kind(), e.getMessage());
        assertEquals("timed out opening " + url, e.getMessage());
        assertTrue(s < 5, "gave up after " + s + " s");
    }

    @Test
    void cancelFlagAbortsOpen() throws IOException {
        String url = serve(null);
        AtomicBoolean flag = new AtomicBoolean();
        Thread canceller = new Thread(() -> {
            sleep(300);
            flag.set(true);
        });
        canceller.start();
        long t0 = System.nanoTime();
        MediaException e = assertThrows(MediaException.class,
                () -> Demuxer.open(url, new Demuxer.Options().openTimeout(Duration.ofSeconds(60)).cancelFlag(flag)));
        assertEquals(MediaException.Kind.CANCELLED, e.kind(), e.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5);
    }

    @Test
    void stalledReadTimesOutAndCancelAbortsIt() throws IOException {
        Path ts = TestClips.file("net.ts");
        FfTools.ffmpeg("-i", TestClips.small().toString(), "-c", "copy", ts.toString());
        String url = serve(Files.readAllBytes(ts));

        try (Demuxer d = Demuxer.open(url, new Demuxer.Options().readTimeout(Duration.ofMillis(700)))) {
            int packets = 0;
            MediaException e = null;
            long t0 = 0;
            try {
                for (;;) {
                    t0 = System.nanoTime();
                    Packet p = d.read();
                    assertNotNull(p, "a stalled live input is not its end");
                    packets++;
                    p.release();
                }
            } catch (MediaException x) {
                e = x;
            }
            assertEquals(MediaException.Kind.TIMEOUT, e.kind(), e.getMessage());
            assertTrue(packets > 50, "read what was sent: " + packets);
            assertTrue((System.nanoTime() - t0) / 1e9 < 5);
        }

        try (Demuxer d = Demuxer.open(url, new Demuxer.Options().readTimeout(Duration.ZERO))) {
            Thread canceller = new Thread(() -> {
                sleep(500);
                d.cancel();
            });
            canceller.start();
            long t0 = System.nanoTime();
            MediaException e = assertThrows(MediaException.class, () -> {
                for (;;) {
                    Packet p = d.read();
                    if (p != null) {
                        p.release();
                    }
                }
            });
            assertEquals(MediaException.Kind.CANCELLED, e.kind(), e.getMessage());
            assertTrue((System.nanoTime() - t0) / 1e9 < 5);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
