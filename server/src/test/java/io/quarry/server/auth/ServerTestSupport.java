package io.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import tools.jackson.databind.JsonNode;

/**
 * The real server on a random port with a fresh data directory (real H2, real security), shared by the account and
 * error ITs: they all extend this class, so Spring starts it once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServerTestSupport.TestRoutes.class)
public abstract class ServerTestSupport {

    public static final String ADMIN_PASSWORD = "admin-password-1";
    public static final Path DATA_DIR = createDataDir();
    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @Autowired
    protected LoginRateLimiter limiter;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("quarry.data-dir", DATA_DIR::toString);
        registry.add("quarry.admin.password", () -> ADMIN_PASSWORD);
    }

    /** Routes that exist only in tests, to reach error paths no real route takes on purpose. */
    @RestController
    public static class TestRoutes {
        @GetMapping("/api/test/failure")
        String failure() {
            throw new IllegalStateException("a bug with a secret path /etc/quarry in its message");
        }

        @GetMapping("/api/test/engine-error")
        String engineError() {
            throw new QuarryException(EngineError.CSV_NOT_TEXT, "The file looks like a spreadsheet, not CSV.");
        }

        @GetMapping("/api/test/storage-error")
        String storageError() {
            throw new QuarryException(EngineError.STORAGE_FAILED, "Could not write /var/lib/quarry/datasets/x.");
        }

        @GetMapping("/api/test/too-large")
        String tooLarge() {
            throw new MaxUploadSizeExceededException(1024);
        }
    }

    @AfterEach
    void forgetFailedLogins() {
        limiter.clear();
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    protected ApiClient anonymous() {
        return new ApiClient(base());
    }

    protected ApiClient admin() {
        return loggedIn("admin", ADMIN_PASSWORD);
    }

    protected ApiClient loggedIn(String username, String password) {
        ApiClient session = anonymous();
        HttpResponse<String> login = session.login(username, password);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return session;
    }

    /** A new plain user with a unique name; its password is {@code password-of-<name>}. */
    protected String newUser() {
        String name = "user" + USERS.incrementAndGet() + "-"
                + getClass().getSimpleName().toLowerCase();
        HttpResponse<String> created =
                admin().post("/api/users", Map.of("username", name, "password", passwordOf(name)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name;
    }

    protected static String passwordOf(String username) {
        return "password-of-" + username;
    }

    protected static long idOf(HttpResponse<String> response) {
        return ApiClient.json(response).get("id").asLong();
    }

    /** Asserts a problem answer whole: status, media type and every member. */
    protected static void assertProblem(
            HttpResponse<String> response, int status, String code, String title, String detail, String instance) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "/docs/errors#" + code.toLowerCase().replace('_', '-'));
        expected.put("title", title);
        expected.put("status", status);
        expected.put("detail", detail);
        expected.put("instance", instance);
        expected.put("code", code);
        JsonNode body = ApiClient.json(response);
        assertThat(ApiClient.JSON.convertValue(body, Map.class)).isEqualTo(expected);
    }

    private static Path createDataDir() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "accounts-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
