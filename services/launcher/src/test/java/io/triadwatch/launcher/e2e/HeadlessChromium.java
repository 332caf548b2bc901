package io.triadwatch.launcher.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: no browser or driver is
 * downloaded (Selenium Manager is never asked, since both paths are given). The console is
 * recorded so that a test can assert the page logged no error, and screenshots go to
 * {@code target/screenshots}.
 */
final class HeadlessChromium implements AutoCloseable {
    /** The browser; {@code -Dtriadwatch.chromium=...} overrides. */
    static final Path BROWSER = Path.of(System.getProperty("triadwatch.chromium", "/usr/bin/chromium"));
    /** Its driver; {@code -Dtriadwatch.chromedriver=...} overrides. */
    static final Path DRIVER = Path.of(System.getProperty("triadwatch.chromedriver", "/usr/bin/chromedriver"));
    /** Where screenshots are written: the module's build directory. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** @return why the browser tests cannot run here, or empty when Chromium and chromedriver are installed */
    static Optional<String> missing() {
        for (Path tool : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(tool)) {
                return Optional.of(tool + " is not installed: browser tests skipped (apt-get install chromium chromium-driver; .ci/run installs them)");
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a headless browser with a fresh profile in {@code profileDir}.
     *
     * @param width  window width in CSS pixels
     * @param height window height
     */
    static HeadlessChromium start(Path profileDir, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profileDir.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--force-device-scale-factor=1", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    ChromeDriver driver() {
        return driver;
    }

    /** @return the console entries since the last call (the browser's buffer is drained) */
    List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** @return the console errors since the last call, each as "LEVEL message" */
    List<String> consoleErrors() {
        return console().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /** Writes a screenshot of the window to {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
