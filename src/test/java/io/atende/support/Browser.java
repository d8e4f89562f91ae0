package io.atende.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

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
 * when either is missing. Screenshots go to {@code target/screenshots} for reviewers. Pages are checked with
 * axe-core ({@link #assertAccessible()}) by the tour of every page ({@code ConsoleTourBrowserTest}) and by tests of
 * what a page shows after an interaction, not on every screenshot.
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
        return saveScreenshot(Path.of("target", "screenshots"), name);
    }

    /** Saves what the browser shows to {@code <directory>/<name>.png}. */
    public Path saveScreenshot(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            var file = directory.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core on the page as it is now and fails on any serious or critical violation, listing
     * each rule with the elements that break it. Minor and moderate findings are left to review.
     */
    public void assertAccessible() {
        // Legacy mode runs axe inside the page itself: the default opens a tab for its last step, and the page losing
        // focus would close what the test has open (a combobox's suggestions, a menu).
        // Without the implicit wait: axe looks for frames on every page, and each look for none would wait it out.
        var timeouts = driver.manage().timeouts();
        Duration implicit = timeouts.getImplicitWaitTimeout();
        timeouts.implicitlyWait(Duration.ZERO);
        Results results;
        try {
            results = new AxeBuilder().setLegacyMode(true).analyze(driver);
        } finally {
            timeouts.implicitlyWait(implicit);
        }
        if (results.isErrored()) {
            throw new AssertionError("axe-core could not check " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        List<Rule> blocking = results.getViolations().stream().filter(rule -> BLOCKING.contains(rule.getImpact())).toList();
        if (!blocking.isEmpty()) {
            throw new AssertionError(blocking.size() + " serious or critical accessibility violation(s) on " + driver.getCurrentUrl() + ":\n"
                    + blocking.stream().map(Browser::describe).collect(Collectors.joining("\n")));
        }
    }

    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    private static String describe(Rule rule) {
        return "- [" + rule.getImpact() + "] " + rule.getId() + ": " + rule.getHelp() + rule.getNodes().stream()
                .map(node -> "\n    " + node.getTarget() + " " + node.getHtml().replaceAll("\\s+", " ")
                        + (node.getFailureSummary() == null ? "" : "\n      " + node.getFailureSummary().replaceAll("\\s+", " ")))
                .collect(Collectors.joining());
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
