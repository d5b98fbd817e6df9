package dev.montage.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driving the console for browser tests: Debian's {@code /usr/bin/chromium} through
 * {@code /usr/bin/chromedriver}, both named explicitly so Selenium Manager never downloads a browser or a driver.
 * {@code mvn verify} installs them when they are missing and it runs as root ({@code scripts/ensure-chromium.sh});
 * otherwise {@link #open} fails with what to install — a browser test never skips silently.
 *
 * <p>Each browser has a new profile folder, deleted on {@link #close}; screenshots go to
 * {@code target/console-screenshots/<name>.png}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** A browser for the application on {@code port} (at {@code http://localhost:<port>}), 1280x900. */
    public static Browser open(int port) {
        requireExecutables();
        // both executables named: Selenium Manager, which would look for (and download) a browser, never runs
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("montage-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight(),
                // the composition page plays the video on a click in the test; no user gesture is needed there
                "--autoplay-policy=no-user-gesture-required");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(DESKTOP);
        return new Browser(driver, profile, "http://localhost:" + port);
    }

    private static void requireExecutables() {
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException(executable + " is missing: the console's browser tests need Debian's "
                        + "Chromium and its driver. Install them with `apt-get install -y chromium chromium-driver` "
                        + "(mvn verify does it by itself when run as root).");
            }
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens {@code path} of the application, e.g. {@code /console#/sessions}. */
    public void go(String path) {
        driver.get(base + path);
    }

    public WebElement find(By by) {
        return until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "a visible " + by);
    }

    /** The first visible element with {@code data-testid="<id>"}. */
    public WebElement testId(String id) {
        return find(byTestId(id));
    }

    /** Waits until the element with {@code data-testid="<id>"} has a text containing {@code part}; answers it. */
    public String awaitText(String id, String part) {
        return until(d -> {
            String text = d.findElement(byTestId(id)).getText();
            return text.contains(part) ? text : null;
        }, "\"" + part + "\" in " + id);
    }

    public static By byTestId(String id) {
        return By.cssSelector("[data-testid=\"" + id + "\"]");
    }

    /** Waits until {@code condition} answers something other than null or false; fails with {@code what}. */
    public <T> T until(ExpectedCondition<T> condition, String what) {
        return until(condition, what, WAIT);
    }

    public <T> T until(ExpectedCondition<T> condition, String what, Duration timeout) {
        // pages re-render: an element found a moment ago may be gone, which only means "not yet"
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).withMessage(() -> "waited " + timeout.toSeconds() + " s for " + what
                + " at " + driver.getCurrentUrl()).until(condition);
    }

    @SuppressWarnings("unchecked")
    public <T> T script(String javascript, Object... arguments) {
        return (T) ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Runs a script whose last argument is the callback to call with the answer. */
    @SuppressWarnings("unchecked")
    public <T> T asyncScript(String javascript, Object... arguments) {
        driver.manage().timeouts().scriptTimeout(WAIT);
        return (T) ((JavascriptExecutor) driver).executeAsyncScript(javascript, arguments);
    }

    public void resize(Dimension size) {
        driver.manage().window().setSize(size);
        // the viewport follows the window asynchronously in headless mode
        until(d -> ((Number) script("return window.innerWidth")).intValue() <= size.getWidth(),
                "a viewport of " + size.getWidth() + " px");
    }

    /** Saves the page as {@code target/console-screenshots/<name>.png} and answers the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #screenshot}, of the whole page's height (for pictures in the documentation). */
    public Path fullPageScreenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        long height = script("return document.documentElement.scrollHeight");
        long chrome = script("return window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(height + chrome, 4000)));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /**
     * The browser console's errors since the last call (failed loads, script errors, Content-Security-Policy
     * violations), so a test can prove a page ran cleanly.
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a profile left in /tmp is harmless; the test's result is what matters
        }
    }
}
