package io.quarry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The account pages end to end in headless Chromium, against the real server on a random port: the admin adds a user
 * on the Users page; that user signs in, finds no Users page, changes their password on the Account page, creates an
 * API token whose once-shown secret authenticates a real API call (Java's HttpClient with a Bearer header), and
 * revokes it (then 401); the admin disables the user on the Users page and the user's live session stops working.
 * Writes the Users and Tokens screenshots (to docs/images with {@code -De2e.screenshots=docs}).
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, like {@link WebAppIT}.
 */
class AccountPagesIT extends BrowserTestSupport {

    private static final String ADMIN_PASSWORD = "admin-password-accounts-e2e";
    private static final Path DATA_DIR = createDataDir("accounts-it-");
    private static final String USER = "bea";
    private static final String FIRST_PASSWORD = "first-password-for-bea";
    private static final String NEW_PASSWORD = "second-password-for-bea";

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("quarry.data-dir", DATA_DIR::toString);
        registry.add("quarry.admin.password", () -> ADMIN_PASSWORD);
    }

    @Test
    void adminAddsAUserWhoMakesAndRevokesATokenThenIsDisabled() throws Exception {
        withFailureArtifacts(this::run);
    }

    private void run() throws Exception {
        WebDriver browser = browser();

        // 1. The admin adds a user on the Users page, reached by the top bar's link.
        signIn("admin", ADMIN_PASSWORD);
        navLink("Users").click();
        waitFor(d -> textOf("main h1").equals("Users"), 10);
        waitFor(d -> !d.findElements(By.cssSelector("tr[data-username=admin]")).isEmpty(), 10);
        browser.findElement(By.cssSelector("input[name=new-username]")).sendKeys(USER);
        browser.findElement(By.cssSelector("input[name=new-password]")).sendKeys(FIRST_PASSWORD);
        buttonWithText("form button[type=submit]", "Add user").click();
        String row = "tr[data-username=" + USER + "]";
        waitFor(d -> !d.findElements(By.cssSelector(row)).isEmpty(), 10, () -> textOf("main"));
        assertThat(textOf("[role=status]")).isEqualTo("Added " + USER + ".");
        assertThat(new Select(browser.findElement(By.cssSelector(row + " select")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("User");
        assertThat(textOf(row + " .status")).isEqualTo("Active");
        JsonNode listed = api("/api/users");
        assertThat(listed.findValuesAsString("username")).contains("admin", USER);
        screenshot("users.png");
        // A name taken: the server's sentence, not a code.
        browser.findElement(By.cssSelector("input[name=new-username]")).sendKeys(USER);
        browser.findElement(By.cssSelector("input[name=new-password]")).sendKeys("whatever-password");
        buttonWithText("form button[type=submit]", "Add user").click();
        String taken = textWhenShown("form [role=alert]");
        assertThat(taken).isNotBlank().doesNotContain("USERNAME_TAKEN").containsIgnoringCase(USER);
        signOut();

        // 2. The user signs in: no Users link, and /users is not a page for them.
        signIn(USER, FIRST_PASSWORD);
        assertThat(textOf("header.topbar .user")).isEqualTo(USER);
        assertThat(navTexts()).containsExactly("Datasets", "API tokens", "Account");
        browser.get(base() + "/users");
        waitFor(d -> textOf("main h1").equals("Page not found"), 10);

        // 3. They change their password on the Account page.
        navLink("Account").click();
        waitFor(d -> textOf("main h1").equals("Your account"), 10);
        browser.findElement(By.cssSelector("input[name=current-password]")).sendKeys("not-the-password");
        browser.findElement(By.cssSelector("input[name=new-password]")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.cssSelector("input[name=repeat-password]")).sendKeys(NEW_PASSWORD);
        buttonWithText("form button[type=submit]", "Change password").click();
        String wrong = textWhenShown("form [role=alert]");
        assertThat(wrong).isNotBlank().doesNotContain("WRONG_CURRENT_PASSWORD");
        browser.findElement(By.cssSelector("input[name=current-password]"))
                .sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, FIRST_PASSWORD);
        buttonWithText("form button[type=submit]", "Change password").click();
        waitFor(d -> textOf("form [role=status]").startsWith("Your password has changed."), 10);
        assertThat(login(USER, FIRST_PASSWORD).loginStatus()).isEqualTo(401);

        // 4. They create a token: its secret is shown once, and it works as a Bearer token.
        navLink("API tokens").click();
        waitFor(d -> textOf("main h1").equals("API tokens"), 10);
        browser.findElement(By.cssSelector("input[name=token-name]")).sendKeys("laptop scripts");
        browser.findElement(By.cssSelector("input[name=token-days]")).sendKeys("30");
        buttonWithText("form button[type=submit]", "Create token").click();
        WebElement secretField = waitFor(d -> d.findElement(By.cssSelector(".token-secret input.secret")), 10);
        String secret = secretField.getDomProperty("value");
        assertThat(secret).isNotBlank();
        assertThat(textOf(".token-secret")).contains("you won’t see it again");
        buttonWithText(".token-secret button", "Copy").click();
        waitFor(d -> !textOf(".token-secret [role=status]").isEmpty(), 5);
        assertThat(textOf(".token-secret [role=status]"))
                .isIn(
                        "Copied to the clipboard.",
                        "The browser did not allow copying: the token is selected, press Ctrl+C (⌘C).");
        String tokenRow = "tr[data-token-name='laptop scripts']";
        waitFor(d -> !d.findElements(By.cssSelector(tokenRow)).isEmpty(), 10);
        assertThat(textOf(tokenRow + " td:nth-of-type(2)")).isNotEqualTo("Never");
        screenshot("tokens.png");
        HttpResponse<String> me = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/auth/me"))
                        .header("Authorization", "Bearer " + secret)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("username").asString()).isEqualTo(USER);
        // Reloaded, the page lists the token but has no way to show its secret again.
        browser.navigate().refresh();
        waitFor(d -> !d.findElements(By.cssSelector(tokenRow)).isEmpty(), 10);
        assertThat(browser.findElements(By.cssSelector(".token-secret")))
                .as("the secret is gone")
                .isEmpty();

        // 5. Revoked (after a confirmation), the token no longer works.
        buttonWithText(tokenRow + " button", "Revoke laptop scripts").click();
        buttonWithText("dialog[open] button", "Revoke").click();
        waitFor(d -> d.findElements(By.cssSelector(tokenRow)).isEmpty(), 10);
        HttpResponse<String> revoked = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/auth/me"))
                        .header("Authorization", "Bearer " + secret)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(401);

        // 6. With a live session of the user elsewhere, the admin disables them: that session stops working.
        Session elsewhere = login(USER, NEW_PASSWORD);
        assertThat(elsewhere.loginStatus()).isEqualTo(200);
        assertThat(elsewhere.get("/api/auth/me")).isEqualTo(200);
        signOut();
        signIn("admin", ADMIN_PASSWORD);
        navLink("Users").click();
        waitFor(d -> !d.findElements(By.cssSelector(row)).isEmpty(), 10);
        buttonWithText(row + " button", "Disable " + USER).click();
        waitFor(d -> textOf(row + " .status").equals("Disabled"), 10);
        assertThat(elsewhere.get("/api/auth/me")).isEqualTo(401);
        assertThat(login(USER, NEW_PASSWORD).loginStatus()).isEqualTo(401);

        // 7. Deleted after a confirmation, the user is gone from the list and the API.
        buttonWithText(row + " button", "Delete " + USER).click();
        buttonWithText("dialog[open] button", "Delete user").click();
        waitFor(d -> d.findElements(By.cssSelector(row)).isEmpty(), 10);
        assertThat(api("/api/users").findValuesAsString("username")).containsExactly("admin");
    }

    private WebElement navLink(String text) {
        return buttonWithText("header.topbar nav a", text);
    }

    private List<String> navTexts() {
        return browser().findElements(By.cssSelector("header.topbar nav a")).stream()
                .map(e -> e.getText().strip())
                .toList();
    }

    /** A cookie session of the API through Java's HttpClient: a second place the user is signed in. */
    record Session(HttpClient client, String base, int loginStatus) {
        int get(String path) throws Exception {
            return client.send(
                            HttpRequest.newBuilder(URI.create(base + path)).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }

    private Session login(String username, String password) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String body = JSON.writeValueAsString(Map.of("username", username, "password", password));
        HttpResponse<Void> response = client.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return new Session(client, base(), response.statusCode());
    }
}
