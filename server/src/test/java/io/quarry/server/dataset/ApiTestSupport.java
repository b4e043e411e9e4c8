package io.quarry.server.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real server on a random port, with real security, DuckDB and H2 in a fresh data directory. Every IT that extends
 * this shares one server; users are made once and their API tokens reused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestSupport {

    public static final String ADMIN_PASSWORD = "admin-password-1";
    public static final Path DATA_DIR = createDataDir();
    private static final Map<String, QuarryApi> USERS = new ConcurrentHashMap<>();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("quarry.data-dir", DATA_DIR::toString);
        registry.add("quarry.admin.password", () -> ADMIN_PASSWORD);
        registry.add("quarry.upload.max-size", () -> "1GB");
        registry.add("quarry.upload.user-quota", () -> "2GB");
    }

    private static Path createDataDir() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "api-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    protected QuarryApi admin() {
        return USERS.computeIfAbsent("admin", key -> call(() -> QuarryApi.login(base(), "admin", ADMIN_PASSWORD)));
    }

    /** A plain user, made on first use. */
    protected QuarryApi user(String username) {
        QuarryApi admin = admin();
        return USERS.computeIfAbsent(username, key -> call(() -> admin.createUser(key, "password-of-" + key)));
    }

    protected interface Call<T> {
        T run() throws Exception;
    }

    protected static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
