package dev.reel.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.cli.Reel;
import dev.reel.media.ffmpeg.Probe;
import dev.reel.media.record.Manifest;
import dev.reel.samples.Ffmpeg;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** reel serve over raw HTTP on 127.0.0.1: the files it serves, the ones it refuses, ranges, exports and their bounds. */
@Timeout(60)
class RecordingServerTest {
    private static final String SEGMENT = "20261206T100000Z-000001.ts";
    private static final String SECRET = "secret-outside-the-recording";

    @TempDir
    Path tmp;
    Path dir;
    ExportQueue queue;
    RecordingServer server;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createDirectories(tmp.resolve("rec"));
        Ffmpeg.run(List.of("-f", "lavfi", "-t", "4", "-i", "testsrc2=size=160x120:rate=25", "-c:v", "libx264", "-preset", "ultrafast",
                "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p", "-f", "mpegts", dir.resolve(SEGMENT).toString()), Duration.ofSeconds(30));
        Manifest m = new Manifest();
        m.container = "mpegts";
        m.segmentSeconds = 4;
        Manifest.Segment s = new Manifest.Segment();
        s.seq = 1;
        s.file = SEGMENT;
        s.start = "2026-12-06T10:00:00.000Z";
        s.end = "2026-12-06T10:00:04.000Z";
        s.duration = 4;
        s.bytes = Files.size(dir.resolve(SEGMENT));
        m.segments.add(s);
        m.save(dir);
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("x.json"), "{\"s\":\"" + SECRET + "\"}");
        Files.writeString(outside.resolve("x.ts"), SECRET);
        Files.createSymbolicLink(dir.resolve("evil.ts"), outside.resolve("x.ts"));
        Files.createSymbolicLink(dir.resolve("finished"), outside);
        Files.writeString(dir.resolve(".hidden.json"), SECRET);
        queue = new ExportQueue(1, 0, Duration.ofMinutes(1));
        server = new RecordingServer(dir, "127.0.0.1", 0, queue).start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** One request as raw bytes (no client-side normalising of the path); the response as text. */
    private String http(String method, String target, String... headers) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void servesThePageTheLiveFilesAndSegmentsWithRanges() throws Exception {
        assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
        String page = http("GET", "/");
        assertEquals(200, status(page));
        assertTrue(page.contains("/assets/hls.min.js") && page.contains("id=\"timeline\""));
        assertFalse(page.contains("Server: Jetty"), "no server version");
        String hls = http("GET", "/assets/hls.min.js");
        assertEquals(200, status(hls));
        assertTrue(hls.length() > 100_000, "hls.js is packed into the jar by the build");
        String pl = http("GET", "/playlist.m3u8");
        assertEquals(200, status(pl));
        assertTrue(pl.contains("application/vnd.apple.mpegurl") && pl.contains("#EXT-X-PROGRAM-DATE-TIME:2026-12-06T10:00:00.000Z") && pl.contains(SEGMENT));
        assertTrue(pl.toLowerCase().contains("cache-control: no-store"));
        String mf = http("GET", "/manifest.json");
        assertEquals(200, status(mf));
        assertTrue(mf.contains("\"file\" : \"" + SEGMENT + "\""));

        long size = Files.size(dir.resolve(SEGMENT));
        String whole = http("GET", "/" + SEGMENT);
        assertEquals(200, status(whole));
        assertTrue(whole.contains("Content-Length: " + size), whole.substring(0, 300));
        assertTrue(whole.contains("ETag: ") && whole.contains("Last-Modified: ") && whole.contains("Accept-Ranges: bytes"), whole.substring(0, 400));
        String part = http("GET", "/" + SEGMENT, "Range: bytes=188-375");
        assertEquals(206, status(part));
        assertTrue(part.contains("Content-Range: bytes 188-375/" + size), part.substring(0, 300));
        assertTrue(part.contains("Content-Length: 188"));
        assertEquals(206, status(http("GET", "/" + SEGMENT, "Range: bytes=-100")));
        assertEquals(416, status(http("GET", "/" + SEGMENT, "Range: bytes=" + (size + 10) + "-")));
        assertEquals(200, status(http("HEAD", "/" + SEGMENT)));
        assertEquals(405, status(http("POST", "/" + SEGMENT)));
        assertEquals(405, status(http("DELETE", "/manifest.json")));
    }

    @Test
    void nothingOutsideTheDirectoryIsReachable() throws Exception {
        String[] targets = {"/../outside/x.json", "/..%2Foutside%2Fx.json", "/%2e%2e/outside/x.json", "/%2E%2E%2Foutside/x.ts",
            "/finished/x.json", "/finished/../../outside/x.json", "/finished%2Fx.json", "/evil.ts", "/.hidden.json",
            "/rec/../../outside/x.json", "/%252e%252e/outside/x.json", "/..\\outside\\x.json", "/" + SEGMENT + "/../../outside/x.json",
            "/etc/passwd", "//etc/passwd", "/%00.json", "/assets/../../outside/x.json"};
        for (String t : targets) {
            String r = http("GET", t);
            int st = status(r);
            assertTrue(st == 400 || st == 404, t + " -> " + st);
            assertFalse(r.contains(SECRET), t + " leaked a file from outside");
        }
    }

    @Test
    void exportsARangeAndBoundsExportsAtOnce() throws Exception {
        String bad = http("GET", "/api/export?from=yesterday&to=2026-12-06T10:00:03Z");
        assertEquals(400, status(bad));
        assertTrue(bad.contains("ISO 8601"));
        assertEquals(400, status(http("GET", "/api/export?from=2026-12-06T10:00:03Z&to=2026-12-06T10:00:01Z")));
        assertEquals(404, status(http("GET", "/api/export?from=2026-12-06T11:00:00Z&to=2026-12-06T11:00:02Z")));
        assertEquals(0, queue.admitted(), "a failed export gives its place back");

        ExportQueue.Ticket busy = queue.tryEnter(); // the only place: the next export is refused
        assertNotNull(busy);
        String refused = http("GET", "/api/export?from=2026-12-06T10:00:01Z&to=2026-12-06T10:00:03Z");
        assertEquals(429, status(refused));
        assertTrue(refused.contains("Retry-After"));
        busy.close();

        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET /api/export?from=2026-12-06T10:00:01Z&to=2026-12-06T10:00:03Z&format=mp4 HTTP/1.1\r\n"
                    + "Host: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            assertEquals(200, status(text), text.substring(0, Math.min(400, text.length())));
            assertTrue(text.contains("Content-Disposition: attachment; filename=\"reel-20261206T100001Z-"), text.substring(0, 400));
            int body = text.indexOf("\r\n\r\n") + 4;
            Path got = tmp.resolve("got.mp4");
            Files.write(got, java.util.Arrays.copyOfRange(all, body, all.length));
            assertEquals(2.0, Probe.probe(got.toString()).durationSeconds(), 0.1);
        }
        assertEquals(0, queue.admitted());
        assertTrue(ServeBrowserTest.eventually(() -> ServeBrowserTest.isEmpty(queue.folder())), "the export file is deleted once sent");
    }

    @Test
    void exportQueueAdmitsRunningPlusWaitingAndSweepsOldFiles() throws Exception {
        try (ExportQueue q = new ExportQueue(1, 1, Duration.ZERO)) {
            ExportQueue.Ticket a = q.tryEnter();
            ExportQueue.Ticket b = q.tryEnter();
            assertNotNull(a);
            assertNotNull(b);
            assertNull(q.tryEnter(), "a third is refused");
            a.close();
            assertNotNull(q.tryEnter());
            Path f = q.newFile("ts");
            Files.writeString(f, "x");
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 1000));
            q.sweep();
            assertFalse(Files.exists(f), "an export nobody fetched is deleted after its time");
        }
    }

    @Test
    void commandErrorsAreOneLine() {
        assertEquals(3, Reel.execute("serve", tmp.resolve("missing").toString()));
        assertEquals(2, Reel.execute("serve", dir.toString(), "--port", "70000"));
        assertEquals(2, Reel.execute("serve", dir.toString(), "--port", String.valueOf(server.port())), "port in use");
    }
}
