package dev.reel.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.cli.record.ReelChild;
import dev.reel.media.ffmpeg.Probe;
import dev.reel.media.record.Manifest;
import dev.reel.samples.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * reel serve in a real browser (Debian's Chromium through Selenium): a recording DIR made by two
 * runs of reel record (a clip with cuts at 2 and 4 s played as if live, then the live test source,
 * still recording while the page is used), so the window holds shot marks and a gap. The page
 * plays, shows the marks and the gap, seeks to a mark, and exports a selected range to a file.
 */
class ServeBrowserTest {
    @RegisterExtension
    final ReelChild children = new ReelChild(true);

    @TempDir
    Path tmp;

    /** Three unlike pictures, 2 s each (cuts at 2 and 4 s), with a tone: like the live test source, 320x240 H.264/AAC. */
    static Path cutsClip(Path tmp) throws Exception {
        Path clip = tmp.resolve("cuts.ts");
        Ffmpeg.run(List.of("-f", "lavfi", "-t", "2", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-t", "2", "-i", "smptebars=size=320x240:rate=25",
                "-f", "lavfi", "-t", "2", "-i", "mandelbrot=size=320x240:rate=25",
                "-f", "lavfi", "-t", "6", "-i", "sine=frequency=440:sample_rate=48000",
                "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0,format=yuv420p[v]", "-map", "[v]", "-map", "3:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-bf", "0", "-c:a", "aac", "-b:a", "64k",
                "-f", "mpegts", clip.toString()), Duration.ofSeconds(30));
        return clip;
    }

    @Test
    @Timeout(240)
    void playsShowsMarksAndGapsSeeksAndExports() throws Exception {
        Path clip = cutsClip(tmp);
        Path dir = tmp.resolve("rec");
        Path log1 = tmp.resolve("rec1.log");
        Instant now = Instant.now();
        // A programme still on when the first recording ends: its file and sidecar are closed then
        // (however late the recorder starts on a loaded machine).
        Path schedule = tmp.resolve("schedule.csv");
        Files.writeString(schedule, now.minusSeconds(10) + "," + now.plusSeconds(90) + ",Morning news\n");
        Process first = children.reel(log1, "record", clip.toString(), "--realtime", "--dir", dir.toString(), "--segment", "2s", "--shots",
                "--schedule", schedule.toString(), "-q");
        assertTrue(first.waitFor(60, TimeUnit.SECONDS), "first recording did not end");
        assertEquals(0, first.exitValue(), Files.readString(log1));
        Manifest m1 = Manifest.load(dir);
        int firstSegments = m1.segments.size();
        List<Instant> cuts = new ArrayList<>();
        m1.segments.forEach(s -> Optional.ofNullable(s.shots).orElse(List.of()).forEach(sh -> cuts.add(Instant.parse(sh.time))));
        assertEquals(2, cuts.size(), "cuts in the first recording: " + cuts);
        Thread.sleep(1500); // the recorder is off: a gap

        Path log2 = tmp.resolve("rec2.log");
        children.reel(log2, "record", "test:320x240", "--dir", dir.toString(), "--segment", "2s", "--shots", "-q");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        Manifest m = m1;
        while (System.nanoTime() < until && (m.segments.size() < firstSegments + 3 || m.gaps.isEmpty())) {
            Thread.sleep(250);
            m = Manifest.load(dir);
        }
        assertTrue(m.segments.size() >= firstSegments + 3 && !m.gaps.isEmpty(), "live recording did not start: " + Files.readString(log2));

        try (RecordingServer server = new RecordingServer(dir, "127.0.0.1", 0, new ExportQueue(1, 1, Duration.ofMinutes(1))).start();
             Browser b = new Browser(tmp)) {
            b.driver.get(server.url());

            // Plays: the clock advances.
            b.await(Duration.ofSeconds(30), "video playing", () -> b.number("return document.getElementById('video').currentTime") > 0.5);
            double t1 = b.number("return document.getElementById('video').currentTime");
            b.await(Duration.ofSeconds(20), "currentTime advancing from " + t1,
                    () -> b.number("return document.getElementById('video').currentTime") > t1 + 1);

            // The timeline shows the recorded cuts and the gap.
            b.await(Duration.ofSeconds(10), "timeline marks", () -> b.driver.findElements(By.cssSelector(".tl-shot")).size() >= 2);
            List<WebElement> marks = b.driver.findElements(By.cssSelector(".tl-shot"));
            assertEquals(cuts.size(), marks.size(), "shot marks on the timeline");
            for (int i = 0; i < cuts.size(); i++) {
                assertEquals(cuts.get(i), Instant.parse(marks.get(i).getAttribute("data-time")), "mark " + i);
                assertTrue(marks.get(i).isDisplayed());
            }
            List<WebElement> gaps = b.driver.findElements(By.cssSelector(".tl-gap"));
            assertTrue(gaps.size() >= 1, "gap on the timeline");
            Instant gapFrom = Instant.parse(gaps.get(0).getAttribute("data-from"));
            assertTrue(gapFrom.isAfter(cuts.get(1)), "the gap follows the first recording");
            assertTrue(gaps.get(0).getSize().getWidth() >= 2, "the gap is drawn to scale");
            assertTrue(b.driver.findElements(By.cssSelector("#tl-axis span")).size() >= 2, "wall-clock labels");
            b.await(Duration.ofSeconds(15), "programme on the timeline", () -> !b.driver.findElements(By.cssSelector(".tl-prog")).isEmpty());
            assertTrue(b.driver.findElement(By.cssSelector(".tl-prog")).getText().contains("Morning news"));

            // Seeking to a mark (a click on it) lands within a second of it.
            b.js("document.getElementById('video').pause()");
            WebElement second = marks.get(1);
            new org.openqa.selenium.interactions.Actions(b.driver).moveToElement(second).click().perform();
            b.await(Duration.ofSeconds(15), "seek to the mark", () -> Boolean.TRUE.equals(b.js(
                    "const v = document.getElementById('video'); return !v.seeking && v.readyState >= 2")));
            double at = b.number("return window.reel.currentWall()");
            long mark = cuts.get(1).toEpochMilli();
            assertTrue(Math.abs(at - mark) < 1000, "seek landed at " + Instant.ofEpochMilli((long) at) + ", mark " + cuts.get(1));
            // Go live: back to within a few segments of the newest one, playing.
            b.driver.findElement(By.id("live")).click();
            b.await(Duration.ofSeconds(15), "live", () -> b.number("return window.reel.liveEdgeWall() - window.reel.currentWall()") < 8000
                    && Boolean.FALSE.equals(b.js("return document.getElementById('video').paused")));
            assertTrue(b.driver.findElement(By.id("live-badge")).getAttribute("class").contains("on"));
            // Rewind 10 s: behind live again.
            b.driver.findElement(By.id("back")).click();
            b.await(Duration.ofSeconds(10), "rewound", () -> b.driver.findElement(By.id("behind")).getText().contains("behind live"));

            // Export: a 3-second range from the first cut, frame-exact, downloaded by the page.
            long from = cuts.get(0).toEpochMilli();
            b.js("window.reel.setSelection(arguments[0], arguments[1])", from, from + 3000);
            b.driver.findElement(By.id("exact")).click();
            b.driver.findElement(By.id("export")).click();
            b.await(Duration.ofSeconds(60), "download", () -> downloaded(b.downloads).isPresent());
            Path file = downloaded(b.downloads).orElseThrow();
            Probe.Result r = Probe.probe(file.toString());
            assertEquals(3.0, r.durationSeconds(), 0.15, "exported length of " + file.getFileName());
            String status = b.driver.findElement(By.id("export-status")).getText();
            assertTrue(status.startsWith("Downloaded reel-"), status);
            b.screenshot("serve.png");
            assertEquals(0, server.exportsInFlight(), "export slot given back");
            assertTrue(eventually(() -> isEmpty(server.exportFolder())), "the export's temporary file is deleted after download");
        }
    }

    private static Optional<Path> downloaded(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ts")).findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** True once {@code cond} holds, within 5 s. */
    static boolean eventually(java.util.function.BooleanSupplier cond) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (cond.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
