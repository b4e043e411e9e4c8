package io.quarry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
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
