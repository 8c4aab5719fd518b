package io.connectionhealth.e2e;

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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Headless Chromium driving the dashboard: Debian's {@code chromium} and {@code chromedriver} (env {@code CHROME_BIN},
 * {@code CHROMEDRIVER}), never a downloaded browser. Both paths are given explicitly, so Selenium Manager (which would
 * try to download a driver) is never run. Vaadin renders asynchronously: every step waits until Flow is idle.
 * Public for the benchmark's dashboard phase ({@code io.connectionhealth.bench.DashboardTiming}).
 */
public final class Browser implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int WIDTH = 1400;
    static final int HEIGHT = 900;

    /** Waits until the page's Vaadin Flow client exists and has no request in flight. */
    private static final String VAADIN_IDLE = """
            if (document.readyState !== 'complete') return false;
            const flow = window.Vaadin && window.Vaadin.Flow;
            if (!flow || !flow.clients || Object.keys(flow.clients).length === 0) return false;
            return Object.values(flow.clients).every(c => !c.isActive || !c.isActive());""";

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;
    private final WebDriverWait wait;
    private final Path screenshots;

    private Browser(Path screenshots) {
        this.screenshots = screenshots;
        try {
            profile = Files.createTempDirectory("e2e-chromium-");
            downloads = Files.createDirectories(profile.resolve("downloads"));
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        wait = new WebDriverWait(driver, TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class); // Vaadin re-renders while we look
        viewport(WIDTH, HEIGHT);
    }

    /** Headless Chromium counts some window decoration in --window-size; size the page itself. */
    private void viewport(int width, int height) {
        List<?> inner = (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight]");
        Dimension outer = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(outer.width + width - ((Number) inner.get(0)).intValue(),
                outer.height + height - ((Number) inner.get(1)).intValue()));
    }

    public static Browser open(Path screenshots) {
        // belt and braces: should anything still reach Selenium Manager, it must not go online
        System.setProperty("SE_OFFLINE", "true");
        return new Browser(screenshots);
    }

    public static Path chromium() {
        return Path.of(env("CHROME_BIN", "/usr/bin/chromium"));
    }

    public static Path chromedriver() {
        return Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    /** Why no browser can run here, or null when Chromium and its driver are both present. */
    public static String missing() {
        for (Path exe : List.of(chromium(), chromedriver())) {
            if (!Files.isExecutable(exe)) {
                return "End-to-end browser test skipped: no " + (exe.equals(chromium()) ? "Chromium" : "chromedriver")
                        + " at " + exe + " (env " + (exe.equals(chromium()) ? "CHROME_BIN" : "CHROMEDRIVER")
                        + "); install Debian's chromium and chromium-driver";
            }
        }
        return null;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public WebDriver driver() {
        return driver;
    }

    public void get(String url) {
        driver.get(url);
        idle();
    }

    /** Waits for Vaadin to finish its round trips. */
    public void idle() {
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(VAADIN_IDLE)));
    }

    public <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void click(By by) {
        click(wait.until(ExpectedConditions.elementToBeClickable(by)));
    }

    void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
        idle();
    }

    /** Clicks the first grid cell whose text contains this (a row click). */
    void clickCell(String text) {
        clickCell(t -> t.contains(text));
    }

    void clickCell(Predicate<String> text) {
        WebElement cell = wait.until(d -> cells().stream().filter(c -> text.test(c.getText())).findFirst()
                .orElse(null));
        cell.click();
        idle();
    }

    /** Signs in through the login form (Spring Security processes its POST) and waits for the dashboard. */
    public void signIn(String baseUrl, String username, String password, String screenshot) {
        driver.get(baseUrl + "/login");
        find(By.cssSelector("vaadin-login-form"));
        idle();
        if (screenshot != null) {
            screenshot(screenshot);
        }
        type(By.cssSelector("vaadin-login-form vaadin-text-field[name='username']"), username);
        type(By.cssSelector("vaadin-login-form vaadin-password-field[name='password']"), password);
        click(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']"));
        find(By.id("signed-in-user"));
    }

    /** The rendered cells of the grids on the page (Vaadin puts their content in the light DOM). */
    public List<WebElement> cells() {
        return driver.findElements(By.cssSelector("vaadin-grid vaadin-grid-cell-content"));
    }

    /** Types into a Vaadin text field (its native input is slotted in the light DOM) and commits the value. */
    void type(By field, String text) {
        WebElement input = find(field).findElement(By.cssSelector("input"));
        input.clear();
        input.sendKeys(text);
        idle();
    }

    void screenshot(String name) {
        idle();
        // Vaadin's loading bar may still be fading out from the last round trip; keep it out of the picture
        driver.executeScript("""
                if (!document.getElementById('e2e-no-loading-bar')) {
                  const style = document.createElement('style');
                  style.id = 'e2e-no-loading-bar';
                  style.textContent = '.v-loading-indicator { display: none !important; }';
                  document.head.appendChild(style);
                }""");
        try {
            Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the one file the browser has downloaded since the last call, and returns its text (then gone). */
    String download() {
        Path file = wait.until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                // Chromium writes to a .crdownload file and renames it when complete
                return files.filter(f -> !f.toString().endsWith(".crdownload") && !f.toString().endsWith(".tmp"))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String text = Files.readString(file);
            Files.delete(file);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return driver.getCurrentUrl();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }
}
