package io.quarry.server.e2e;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium driven by its ChromeDriver, headless, with a fresh profile and the flags that keep it off the
 * network; the browser tests start one per class. Skips the calling test class (an assumption) without the two
 * binaries or with {@code -De2e.skip=true}.
 */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));

    private static @Nullable WebDriver driver;
    private static @Nullable ChromeDriverService service;
    private static @Nullable Path profile;

    private HeadlessChromium() {}

    static WebDriver start() throws IOException {
        assumeFalse(Boolean.getBoolean("e2e.skip"), "browser tests skipped with -De2e.skip=true");
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver)");
        profile = Files.createTempDirectory("quarry-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-extensions",
                "--disable-sync",
                "--force-device-scale-factor=1",
                "--lang=en-US",
                "--window-size=1400,900",
                "--user-data-dir=" + profile);
        // The chromedriver and browser given explicitly: Selenium Manager never tries to download one.
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (service != null) {
            service.stop();
            service = null;
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
            profile = null;
        }
    }
}
