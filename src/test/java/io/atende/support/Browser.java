package io.atende.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium driven through ChromeDriver (Debian's {@code chromium} and
 * {@code chromium-driver}, which .ci/run installs). Tests call {@link #open()} and skip themselves
 * when either is missing. Screenshots go to {@code target/screenshots} for reviewers.
 */
public final class Browser implements AutoCloseable {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    /** A new headless browser with an empty profile (its own cookies), 1280 × 900 unless resized. */
    public static Browser open() {
        String browser = find("ATENDE_TEST_CHROMIUM", BROWSERS);
        String driver = find("ATENDE_TEST_CHROMEDRIVER", DRIVERS);
        assumeTrue(browser != null && driver != null, "Headless Chromium and ChromeDriver are needed (looked for " + BROWSERS + " and "
                + DRIVERS + "); install Debian's chromium and chromium-driver packages, as .ci/run does. Skipping.");
        var options = new ChromeOptions();
        options.setBinary(browser);
        // As root on CI the sandbox cannot start; the network flags keep Chromium off the closed internet.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--lang=en");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        var chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return new Browser(chrome);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits up to ten seconds for a condition on the page. */
    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    /** Saves what the browser shows to {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            var directory = Files.createDirectories(Path.of("target", "screenshots"));
            var file = directory.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String find(String variable, List<String> candidates) {
        return Stream.concat(Stream.ofNullable(System.getenv(variable)), candidates.stream())
                .filter(path -> Files.isExecutable(Path.of(path))).findFirst().orElse(null);
    }
}
