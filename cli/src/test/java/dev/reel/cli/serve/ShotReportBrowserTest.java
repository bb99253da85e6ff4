package dev.reel.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.cli.Reel;
import dev.reel.samples.Ffmpeg;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * reel shots --html and --contact-sheet on a clip with a dissolve and two cuts: the page opens from
 * disk in Chromium with no server, lists every shot of the shot list with three pictures each, draws
 * the cuts and the dissolve on the strip, and a click on a shot seeks the video to it.
 */
class ShotReportBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @Timeout(90)
    void reportPageAndContactSheet() throws Exception {
        Path clip = tmp.resolve("shots clip.mp4"); // a space: the page links the video by a relative, encoded URL
        Ffmpeg.run(List.of("-f", "lavfi", "-t", "3", "-i", "testsrc2=size=640x360:rate=25",
                "-f", "lavfi", "-t", "3", "-i", "smptebars=size=640x360:rate=25",
                "-f", "lavfi", "-t", "2", "-i", "mandelbrot=size=640x360:rate=25",
                "-f", "lavfi", "-t", "2", "-i", "rgbtestsrc=size=640x360:rate=25",
                "-filter_complex", "[0:v][1:v]xfade=transition=fade:duration=1:offset=2[x];[x][2:v][3:v]concat=n=3:v=1:a=0,format=yuv420p[v]",
                "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", clip.toString()), Duration.ofSeconds(30));
        Path out = Files.createDirectories(tmp.resolve("report"));
        Path html = out.resolve("report.html");
        Path sheet = out.resolve("sheet.png");
        Path json = out.resolve("shots.json");
        assertEquals(0, Reel.execute("shots", clip.toString(), "-o", json.toString(), "--html", html.toString(),
                "--contact-sheet", sheet.toString(), "-q"));
        assertEquals(5, Reel.execute("shots", clip.toString(), "--html", tmp.resolve("no-such-dir").resolve("r.html").toString(), "-q"),
                "an unwritable report is refused before decoding");
        JsonNode list = JSON.readTree(json.toFile());
        int shots = list.get("shots").size();
        int cuts = 0;
        int gradual = 0;
        for (JsonNode t : list.get("transitions")) {
            if ("cut".equals(t.get("type").asText())) {
                cuts++;
            } else {
                gradual++;
            }
        }
        assertTrue(shots >= 3 && cuts >= 1 && gradual >= 1, "the clip has a dissolve and cuts: " + list);
        String page = Files.readString(html);
        assertTrue(!page.contains("http://") && !page.contains("https://"), "self-contained: no network addresses");
        try (var left = Files.list(out)) {
            assertEquals(List.of("report.html", "sheet.png", "shots.json"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left beside the outputs");
        }

        BufferedImage img = ImageIO.read(sheet.toFile());
        int cols = Math.min(5, shots);
        assertEquals(10 + cols * (256 + 10), img.getWidth(), "one tile a shot, up to five a row");
        int bg = img.getRGB(2, img.getHeight() - 2);
        assertNotEquals(bg, img.getRGB(10 + 128, 34 + 72), "a picture in the first tile");

        try (Browser b = new Browser(tmp)) {
            b.driver.get(html.toUri().toString());
            List<WebElement> rows = b.driver.findElements(By.cssSelector("tr.shot"));
            assertEquals(shots, rows.size());
            b.await(Duration.ofSeconds(10), "thumbnails decoded", () -> Boolean.TRUE.equals(b.js(
                    "const i = Array.from(document.images); return i.length > 0 && i.every(x => x.complete && x.naturalWidth > 0)")));
            assertEquals(3L * shots, ((Number) b.js("return document.images.length")).longValue(), "first, middle and last frame of each shot");
            assertEquals(cuts, b.driver.findElements(By.cssSelector("#strip .cut")).size());
            assertEquals(gradual, b.driver.findElements(By.cssSelector("#strip .grad")).size());
            assertEquals(shots, b.driver.findElements(By.cssSelector("#strip .s")).size());
            b.await(Duration.ofSeconds(15), "video metadata", () -> b.number("return document.getElementById('video').readyState") >= 1);

            WebElement third = rows.get(2);
            third.click();
            double start = list.get("shots").get(2).get("start").asDouble();
            b.await(Duration.ofSeconds(10), "seek", () -> Boolean.TRUE.equals(b.js(
                    "const v = document.getElementById('video'); return !v.seeking && v.readyState >= 2")));
            assertEquals(start, b.number("return document.getElementById('video').currentTime"), 0.1, "the click seeks to the shot");
            assertTrue(third.getAttribute("class").contains("sel"));
            b.js("window.scrollTo(0, 0)");
            Thread.sleep(500); // the frame painted, the spinner gone
            b.screenshot("shots-report.png");
        }
        Files.copy(sheet, Browser.projectRoot().resolve("out").resolve("screenshots").resolve("contact-sheet.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
