package io.quarry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the browser tests share: the real server on a random port, one headless Chromium per class, and small helpers
 * to run script in the page, wait for it, and call the API with the page's session. Each test class gives its own
 * data directory and admin password with a {@code @DynamicPropertySource}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class BrowserTestSupport {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final long MAX_PNG_BYTES = 300_000;
    private static final AtomicInteger FAILURES = new AtomicInteger();

    private static @Nullable WebDriver driver;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        driver = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        driver = null;
        HeadlessChromium.stop();
    }

    /** A test's steps, which may throw anything. */
    interface Steps {
        void run() throws Exception;
    }

    /** Runs a test's steps; when they fail, keeps a screenshot and the page's HTML in target/ and says where. */
    void withFailureArtifacts(Steps steps) throws Exception {
        try {
            steps.run();
        } catch (Exception | AssertionError failure) {
            String name = getClass().getSimpleName() + "-" + FAILURES.incrementAndGet();
            Path shot = Path.of("target", name + "-failure.png").toAbsolutePath();
            try {
                Files.write(shot, ((TakesScreenshot) browser()).getScreenshotAs(OutputType.BYTES));
                Object page = js("return document.documentElement.outerHTML;");
                Path html = Path.of("target", name + "-failure.html").toAbsolutePath();
                Files.writeString(html, String.valueOf(page));
                failure.addSuppressed(new AssertionError("screenshot of the failure: " + shot + ", page: " + html));
            } catch (RuntimeException ignored) {
                // the browser is gone: the failure says why
            }
            throw failure;
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Opens the app and signs in through the form; waits for the datasets page. */
    void signIn(String username, String password) {
        WebDriver browser = browser();
        browser.get(base() + "/");
        WebElement name = waitFor(d -> d.findElement(By.cssSelector("form.signin input[name=username]")), 20);
        name.sendKeys(username);
        browser.findElement(By.cssSelector("form.signin input[name=password]")).sendKeys(password);
        browser.findElement(By.cssSelector("form.signin button[type=submit]")).click();
        waitFor(d -> textOf("main h1").equals("Datasets"), 15, () -> "after signing in: " + textOf("main"));
    }

    /** Opens the app and signs in when it asks (a class's browser keeps its session from one test to the next). */
    void signInIfAsked(String username, String password) {
        browser().get(base() + "/");
        waitFor(d -> !d.findElements(By.cssSelector("form.signin, main h1")).isEmpty(), 20);
        if (!browser().findElements(By.cssSelector("form.signin")).isEmpty()) {
            signIn(username, password);
        }
    }

    /** Signs out with the top bar's button; waits for the sign-in form. */
    void signOut() {
        buttonWithText("header.topbar button", "Sign out").click();
        waitFor(d -> !d.findElements(By.cssSelector("form.signin")).isEmpty(), 10);
    }

    /**
     * The first element matching the selector whose text (visually hidden parts included, white space collapsed) is
     * exactly this; waits up to 10 s for it.
     */
    WebElement buttonWithText(String css, String text) {
        return waitFor(
                d -> d.findElements(By.cssSelector(css)).stream()
                        .filter(e -> String.valueOf(e.getDomProperty("textContent"))
                                .replaceAll("\\s+", " ")
                                .strip()
                                .equals(text))
                        .findFirst()
                        .orElse(null),
                10,
                () -> "no " + css + " reading \"" + text + "\"");
    }

    /** A GET of the API from the page, with its session cookie. */
    JsonNode api(String path) {
        Object answer = ((JavascriptExecutor) browser())
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " fetch(arguments[0], {credentials: 'same-origin', headers: {Accept: 'application/json'}})"
                                + ".then(r => r.text().then(body => done({status: r.status, body})))"
                                + ".catch(e => done({status: -1, body: String(e)}));",
                        path);
        Map<?, ?> result = (Map<?, ?>) Objects.requireNonNull(answer);
        String body = String.valueOf(result.get("body"));
        assertThat(((Number) Objects.requireNonNull(result.get("status"))).intValue())
                .as(path + ": " + body)
                .isEqualTo(200);
        return JSON.readTree(body);
    }

    String textOf(String css) {
        Object text = js("const e = document.querySelector(arguments[0]); return e === null ? '' : e.innerText;", css);
        return text == null ? "" : text.toString().strip();
    }

    /** Waits up to 10 s for an element matching the selector to show text, and returns that text. */
    String textWhenShown(String css) {
        return waitFor(
                d -> {
                    String text = textOf(css);
                    return text.isEmpty() ? null : text;
                },
                10,
                () -> "no text in " + css);
    }

    @Nullable
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser()).executeScript(script, args);
    }

    <T> T waitFor(Function<WebDriver, @Nullable T> condition, int seconds) {
        return waitFor(condition, seconds, () -> "");
    }

    <T> T waitFor(Function<WebDriver, @Nullable T> condition, int seconds, Supplier<String> state) {
        WebDriverWait wait = new WebDriverWait(browser(), Duration.ofSeconds(seconds), Duration.ofMillis(50));
        wait.withMessage(state);
        wait.ignoring(StaleElementReferenceException.class);
        return wait.until(d -> {
            T value = condition.apply(d);
            return value instanceof Boolean bool && !bool ? null : value;
        });
    }

    static WebDriver browser() {
        return Objects.requireNonNull(driver, "the browser is not running");
    }

    /** Writes a screenshot, scaled down if it would be larger than {@link #MAX_PNG_BYTES}. */
    void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser()).getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        double scale = 1.0;
        while (png.length > MAX_PNG_BYTES && scale > 0.5) {
            scale -= 0.1;
            int width = (int) Math.round(image.getWidth() * scale);
            int height = (int) Math.round(image.getHeight() * scale);
            BufferedImage smaller = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = smaller.createGraphics();
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(image, 0, 0, width, height, null);
            graphics.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(smaller, "png", out);
            png = out.toByteArray();
        }
        Path file = screenshots().resolve(name);
        Files.write(file, png);
        System.out.printf(Locale.ROOT, "%s: wrote %s (%,d bytes)%n", getClass().getSimpleName(), file, png.length);
    }

    /**
     * {@code target/screenshots} by default, so a test run leaves the committed images alone; the project's
     * docs/images with {@code -De2e.screenshots=docs} (to refresh the docs' pictures), or any directory given.
     */
    static Path screenshots() throws IOException {
        String chosen = System.getProperty("e2e.screenshots", "target/screenshots");
        if (!chosen.equals("docs")) {
            return Files.createDirectories(Path.of(chosen).toAbsolutePath());
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return Files.createDirectories(dir.resolve("docs/images"));
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no docs/ above " + Path.of("").toAbsolutePath());
    }

    /** A fresh data directory under target/, kept for the life of the Spring context that uses it. */
    static Path createDataDir(String prefix) {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
