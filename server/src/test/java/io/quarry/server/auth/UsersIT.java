package io.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The admin's user API, what a disabled user can still do (nothing), and who sees the metrics. */
class UsersIT extends ServerTestSupport {

    @Test
    void adminCreatesListsPromotesAndDeletesAUser() {
        ApiClient admin = admin();

        HttpResponse<String> created =
                admin.post("/api/users", Map.of("username", "  Carol ", "password", "carol-password"));
        long id = idOf(created);
        HttpResponse<String> promoted = admin.patch("/api/users/" + id, Map.of("role", "ADMIN"));
        HttpResponse<String> list = admin.get("/api/users");
        HttpResponse<String> deleted = admin.delete("/api/users/" + id);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/users/" + id);
        JsonNode carol = ApiClient.json(created);
        assertThat(carol.get("username").asString()).isEqualTo("carol");
        assertThat(carol.get("role").asString()).isEqualTo("USER");
        assertThat(carol.get("admin").asBoolean()).isFalse();
        assertThat(carol.get("disabled").asBoolean()).isFalse();
        assertThat(carol.propertyNames()).doesNotContain("password", "passwordHash");
        assertThat(ApiClient.json(promoted).get("admin").asBoolean()).isTrue();
        assertThat(list.body()).contains("\"carol\"").doesNotContain("bcrypt").doesNotContain("$2a$");
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertProblem(
                admin.get("/api/users/" + id),
                404,
                "USER_NOT_FOUND",
                "No such user",
                "No user has the id " + id + ".",
                "/api/users/" + id);
        assertThat(anonymous().login("carol", "carol-password").statusCode()).isEqualTo(401);
    }

    @Test
    void aDisabledUsersLiveSessionAndTokensStopWorking() {
        String name = newUser();
        ApiClient browser = loggedIn(name, passwordOf(name));
        HttpResponse<String> token = browser.post("/api/tokens", Map.of("name", "cron"));
        ApiClient script =
                anonymous().withToken(ApiClient.json(token).get("token").asString());
        long id = ApiClient.json(browser.get("/api/auth/me")).get("id").asLong();

        HttpResponse<String> disabled = admin().patch("/api/users/" + id, Map.of("disabled", true));

        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(ApiClient.json(disabled).get("disabled").asBoolean()).isTrue();
        assertThat(browser.get("/api/auth/me").statusCode()).isEqualTo(401);
        assertThat(script.get("/api/auth/me").statusCode()).isEqualTo(401);
        assertThat(anonymous().login(name, passwordOf(name)).statusCode()).isEqualTo(401);

        admin().patch("/api/users/" + id, Map.of("disabled", false));
        assertThat(script.get("/api/auth/me").statusCode()).isEqualTo(200);
        assertThat(anonymous().login(name, passwordOf(name)).statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminResetsAPasswordAndTheOldSessionsEnd() {
        String name = newUser();
        ApiClient browser = loggedIn(name, passwordOf(name));
        long id = ApiClient.json(browser.get("/api/auth/me")).get("id").asLong();

        HttpResponse<String> reset = admin().patch("/api/users/" + id, Map.of("password", "reset-by-admin"));

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(browser.get("/api/auth/me").statusCode()).isEqualTo(401);
        assertThat(anonymous().login(name, "reset-by-admin").statusCode()).isEqualTo(200);
    }

    @Test
    void aPlainUserGets403OnTheUserApi() {
        String name = newUser();
        ApiClient user = loggedIn(name, passwordOf(name));

        assertProblem(
                user.get("/api/users"),
                403,
                "FORBIDDEN",
                "Not allowed",
                "Your account may not do this; it needs the admin role.",
                "/api/users");
        assertThat(user.post("/api/users", Map.of("username", "sneaky", "password", "sneaky-password"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(anonymous().get("/api/users").statusCode()).isEqualTo(401);
    }

    @Test
    void theLastAdminCannotBeDisabledDemotedOrDeleted() {
        ApiClient admin = admin();
        long id = ApiClient.json(admin.get("/api/auth/me")).get("id").asLong();

        assertProblem(
                admin.patch("/api/users/" + id, Map.of("disabled", true)),
                409,
                "LAST_ADMIN",
                "The last admin must stay",
                "This is the last active admin, so they cannot be disabled; make another user an admin first.",
                "/api/users/" + id);
        assertThat(admin.patch("/api/users/" + id, Map.of("role", "USER")).statusCode())
                .isEqualTo(409);
        assertThat(admin.delete("/api/users/" + id).statusCode()).isEqualTo(409);
    }

    @Test
    void aTakenOrInvalidUsernameIsRefused() {
        String name = newUser();
        ApiClient admin = admin();

        assertProblem(
                admin.post("/api/users", Map.of("username", name.toUpperCase(), "password", "some-password")),
                409,
                "USERNAME_TAKEN",
                "Username already taken",
                "A user called " + name + " already exists; choose another name.",
                "/api/users");
        assertThat(admin.post("/api/users", Map.of("username", "no spaces", "password", "some-password"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void prometheusIsForAdminsAndHealthForEveryone() {
        String name = newUser();

        HttpResponse<String> metrics = admin().get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(loggedIn(name, passwordOf(name)).get("/actuator/prometheus").statusCode())
                .isEqualTo(403);
        assertThat(anonymous().get("/actuator/prometheus").statusCode()).isEqualTo(401);
        HttpResponse<String> health = anonymous().get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }
}
