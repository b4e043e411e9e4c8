package io.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Personal API tokens: shown once, no CSRF needed, 401 once revoked or expired. */
class TokensIT extends ServerTestSupport {

    private static final String INVALID_TOKEN_DETAIL = "The API token is not valid: it is unknown, revoked or"
            + " expired, or its user is disabled. Create a new one.";

    @Autowired
    private DataSource dataSource;

    private JsonNode createToken(ApiClient session, Map<String, ?> body) {
        HttpResponse<String> created = session.post("/api/tokens", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiClient.json(created);
    }

    @Test
    void aTokenAuthenticatesWithoutCsrfAndIsShownOnlyOnce() {
        String name = newUser();
        JsonNode created =
                createToken(loggedIn(name, passwordOf(name)), Map.of("name", "my script", "expiresInDays", 30));
        String secret = created.get("token").asString();
        ApiClient script = anonymous().withToken(secret);

        HttpResponse<String> me = script.get("/api/auth/me");
        HttpResponse<String> another = script.post("/api/tokens", Map.of("name", "made by a script"));
        HttpResponse<String> list = script.get("/api/tokens");

        assertThat(created.propertyNames()).containsExactlyInAnyOrder("id", "name", "token", "expiresAt");
        assertThat(secret).startsWith("qt_").hasSizeGreaterThan(40);
        assertThat(Instant.parse(created.get("expiresAt").asString()))
                .isBetween(Instant.now().plusSeconds(29 * 86_400), Instant.now().plusSeconds(31 * 86_400));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(me).get("username").asString()).isEqualTo(name);
        assertThat(script.cookie("QUARRY_SESSION"))
                .as("a token makes no session")
                .isEmpty();
        assertThat(another.statusCode()).as(another.body()).isEqualTo(201);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(list)).hasSize(2);
        assertThat(list.body()).doesNotContain(secret).doesNotContain("\"token\"");
        assertThat(ApiClient.json(list).get(0).propertyNames())
                .containsExactlyInAnyOrder("id", "name", "createdAt", "expiresAt", "lastUsedAt");
    }

    @Test
    void aRevokedTokenIsA401Problem() {
        String name = newUser();
        ApiClient browser = loggedIn(name, passwordOf(name));
        JsonNode created = createToken(browser, Map.of("name", "soon revoked"));
        ApiClient script = anonymous().withToken(created.get("token").asString());
        assertThat(script.get("/api/auth/me").statusCode()).isEqualTo(200);

        HttpResponse<String> revoked =
                browser.delete("/api/tokens/" + created.get("id").asLong());

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertProblem(
                script.get("/api/auth/me"),
                401,
                "INVALID_TOKEN",
                "Invalid API token",
                INVALID_TOKEN_DETAIL,
                "/api/auth/me");
    }

    @Test
    void anExpiredTokenIsA401Problem() {
        String name = newUser();
        JsonNode created =
                createToken(loggedIn(name, passwordOf(name)), Map.of("name", "short-lived", "expiresInDays", 1));
        ApiClient script = anonymous().withToken(created.get("token").asString());
        assertThat(script.get("/api/tokens").statusCode()).isEqualTo(200);

        JdbcClient.create(dataSource)
                .sql("update api_tokens set expires_at = ? where id = ?")
                .params(
                        Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC),
                        created.get("id").asLong())
                .update();

        assertProblem(
                script.get("/api/tokens"),
                401,
                "INVALID_TOKEN",
                "Invalid API token",
                INVALID_TOKEN_DETAIL,
                "/api/tokens");
    }

    @Test
    void anUnknownTokenIsA401ProblemEvenWithAValidSession() {
        ApiClient browser = admin().withToken("qt_not-a-real-token");

        assertProblem(
                browser.get("/api/auth/me"),
                401,
                "INVALID_TOKEN",
                "Invalid API token",
                INVALID_TOKEN_DETAIL,
                "/api/auth/me");
    }

    @Test
    void someoneElsesTokenCannotBeRevoked() {
        String owner = newUser();
        String other = newUser();
        JsonNode created = createToken(loggedIn(owner, passwordOf(owner)), Map.of("name", "mine"));
        long id = created.get("id").asLong();

        assertProblem(
                loggedIn(other, passwordOf(other)).delete("/api/tokens/" + id),
                404,
                "TOKEN_NOT_FOUND",
                "No such API token",
                "You have no API token with the id " + id + ".",
                "/api/tokens/" + id);
        assertThat(anonymous()
                        .withToken(created.get("token").asString())
                        .get("/api/auth/me")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void expiryOutOfRangeIsA400Problem() {
        assertProblem(
                admin().post("/api/tokens", Map.of("name", "forever and more", "expiresInDays", 0)),
                400,
                "INVALID_REQUEST",
                "Invalid request",
                "expiresInDays must be between 1 and 3650, or left out for a token that does not expire.",
                "/api/tokens");
    }
}
