package dev.reel.cli.serve;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (never a downloaded
 * browser): no network beyond 127.0.0.1, a fresh profile, downloads into a folder of the test's.
 * Tests are skipped (not passed) where the packages are missing; scripts/setup-system installs them.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    final Path downloads;

    Browser(Path tmp) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (scripts/setup-system installs them)");
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        downloads = Files.createDirectories(tmp.resolve("downloads"));
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--mute-audio", "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("profile")), "--window-size=1280,1180",
                "--force-device-scale-factor=1", "--lang=en-GB");
        o.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        driver = new ChromeDriver(svc, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    double number(String script, Object... args) {
        Object o = js(script, args);
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    /** Waits up to {@code timeout} for {@code cond}; fails with {@code what} (and the page's state) if it never holds. */
    void await(Duration timeout, String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }

    /** A screenshot of the page into the project's out/screenshots/ (a test artifact). */
    Path screenshot(String name) throws IOException {
        File f = driver.getScreenshotAs(OutputType.FILE);
        Path dir = Files.createDirectories(projectRoot().resolve("out").resolve("screenshots"));
        Path target = dir.resolve(name);
        Files.copy(f.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        return Files.exists(p.resolve("cli")) ? p : p.getParent();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
