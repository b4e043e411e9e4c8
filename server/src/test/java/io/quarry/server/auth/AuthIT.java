package io.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Login, logout, who am I, CSRF on cookie sessions, password changes and the login rate limit. */
class AuthIT extends ServerTestSupport {

    @Test
    void loginShowsTheUserAndSetsAnHttpOnlyLaxSessionCookie() {
        ApiClient browser = anonymous();

        HttpResponse<String> login = browser.login("admin", ADMIN_PASSWORD);

        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(ApiClient.JSON.convertValue(ApiClient.json(login), Map.class))
                .containsOnlyKeys("id", "username", "admin")
                .containsEntry("username", "admin")
                .containsEntry("admin", true);
        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("QUARRY_SESSION=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
        assertThat(browser.csrfToken()).isPresent();
        HttpResponse<String> me = browser.get("/api/auth/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(me).get("username").asString()).isEqualTo("admin");
    }

    @Test
    void meWithoutASessionIsA401Problem() {
        assertProblem(
                anonymous().get("/api/auth/me"),
                401,
                "UNAUTHENTICATED",
                "Authentication required",
                "Log in first (POST /api/auth/login), or send an API token in the Authorization header.",
                "/api/auth/me");
    }

    @Test
    void logoutEndsTheSession() {
        ApiClient browser = admin();

        HttpResponse<String> logout = browser.post("/api/auth/logout", Map.of());

        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(204);
        assertThat(browser.get("/api/auth/me").statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordIsA401Problem() {
        assertProblem(
                anonymous().login("admin", "not-the-password"),
                401,
                "LOGIN_FAILED",
                "Wrong username or password",
                "The username or the password is wrong, or the account is disabled.",
                "/api/auth/login");
        assertThat(anonymous().login("nobody-at-all", "whatever-password").statusCode())
                .isEqualTo(401);
    }

    @Test
    void cookieSessionNeedsTheCsrfHeaderOnAStateChangingRoute() {
        ApiClient browser = admin();

        HttpResponse<String> forged = browser.withoutCsrf().post("/api/tokens", Map.of("name", "forged"));

        assertProblem(
                forged,
                403,
                "CSRF_TOKEN_INVALID",
                "Missing or invalid CSRF token",
                "This request needs a CSRF token: send the value of the XSRF-TOKEN cookie in the X-XSRF-TOKEN"
                        + " header, or authenticate with an API token instead of the session cookie.",
                "/api/tokens");
        ApiClient sameBrowserWithHeader = loggedIn("admin", ADMIN_PASSWORD);
        HttpResponse<String> allowed = sameBrowserWithHeader.post("/api/tokens", Map.of("name", "from the SPA"));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(201);
    }

    @Test
    void changingTheOwnPasswordEndsOtherSessionsButNotThisOne() {
        String name = newUser();
        ApiClient here = loggedIn(name, passwordOf(name));
        ApiClient elsewhere = loggedIn(name, passwordOf(name));

        HttpResponse<String> wrong =
                here.post("/api/auth/password", Map.of("current", "not-my-password", "new", "brand-new-password"));
        HttpResponse<String> changed =
                here.post("/api/auth/password", Map.of("current", passwordOf(name), "new", "brand-new-password"));

        assertProblem(
                wrong,
                400,
                "WRONG_CURRENT_PASSWORD",
                "Current password is wrong",
                "The current password is wrong; the password was not changed.",
                "/api/auth/password");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(here.get("/api/auth/me").statusCode()).isEqualTo(200);
        assertThat(elsewhere.get("/api/auth/me").statusCode()).isEqualTo(401);
        assertThat(anonymous().login(name, passwordOf(name)).statusCode()).isEqualTo(401);
        assertThat(anonymous().login(name, "brand-new-password").statusCode()).isEqualTo(200);
    }

    @Test
    void tooShortNewPasswordIsA400Problem() {
        String name = newUser();

        assertProblem(
                loggedIn(name, passwordOf(name))
                        .post("/api/auth/password", Map.of("current", passwordOf(name), "new", "short")),
                400,
                "INVALID_PASSWORD",
                "Password not acceptable",
                "A password needs at least 8 characters.",
                "/api/auth/password");
    }

    @Test
    void tenFailedLoginsIn5MinutesAnswer429WithRetryAfter() {
        String name = newUser();
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(anonymous().login(name, "guess-" + attempt).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> blocked = anonymous().login(name, passwordOf(name));

        assertThat(blocked.statusCode()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(290L, 300L);
        assertProblem(
                blocked,
                429,
                "TOO_MANY_LOGIN_ATTEMPTS",
                "Too many failed logins",
                "Too many failed logins for this account or from this address. Try again in " + retryAfter + " s.",
                "/api/auth/login");
    }
}
