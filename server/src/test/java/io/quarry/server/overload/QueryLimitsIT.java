package io.quarry.server.overload;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.QuarryApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Runaway chart queries on a server with deliberately small memory limits: each is stopped with 422
 * {@code QUERY_MEMORY_LIMIT} and a sentence naming the limits, while another user's pages and charts are answered
 * meanwhile and afterwards. A server of its own (its own data directory), as the limits are set at startup.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryLimitsIT {

    private static final String ADMIN_PASSWORD = "admin-password-1";
    private static final Path DATA_DIR = createDataDir();
    private static final int ROWS = 1_000_000;
    private static final int CATEGORIES = 5;

    private static final String GROUP_BY_UNIQUE = """
            {"workflow":[{"type":"view","query":[{"op":"aggregate","groupBy":["id","x"],
              "measures":[{"field":"v","agg":"sum","asFieldKey":"v_sum"}]}]}]}""";
    private static final String DISTINCT_UNIQUE = """
            {"workflow":[{"type":"view","query":[{"op":"aggregate","groupBy":["category"],
              "measures":[{"field":"x","agg":"distinctCount","asFieldKey":"xs"}]}]}]}""";
    private static final String SUM_BY_CATEGORY = """
            {"workflow":[{"type":"view","query":[{"op":"aggregate","groupBy":["category"],
              "measures":[{"field":"v","agg":"sum","asFieldKey":"v_sum"}]}]},
             {"type":"sort","sort":"ascending","by":["category"]}]}""";

    @LocalServerPort
    int port;

    QuarryApi alice;
    QuarryApi bob;
    String unique;
    String small;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("quarry.data-dir", DATA_DIR::toString);
        registry.add("quarry.admin.password", () -> ADMIN_PASSWORD);
        registry.add("quarry.upload.max-size", () -> "1GB");
        registry.add("quarry.engine.threads", () -> "2");
        registry.add("quarry.engine.memory-limit", () -> "64MB");
        registry.add("quarry.engine.query-memory-limit", () -> "4MB");
        registry.add("quarry.engine.temp-limit", () -> "8MB");
    }

    private static Path createDataDir() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "limits-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void upload() throws Exception {
        QuarryApi admin = QuarryApi.login("http://127.0.0.1:" + port, "admin", ADMIN_PASSWORD);
        alice = admin.createUser("limits-alice", "password-of-alice");
        bob = admin.createUser("limits-bob", "password-of-bob");
        StringBuilder csv = new StringBuilder(ROWS * 24).append("id,x,category,v\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i)
                    .append(',')
                    .append(i * 7919L % 1_000_003)
                    .append(".5,c")
                    .append(i % CATEGORIES)
                    .append(',')
                    .append(i % 10)
                    .append('\n');
        }
        unique = alice.ingest("unique numbers", csv.toString());
        small = bob.ingest("small", "id,category,v\n1,a,10\n2,b,20\n3,a,30\n");
    }

    @Test
    void runawayChartsAreStoppedWhileOthersAreServed() throws Exception {
        List<Future<HttpResponse<String>>> runaways = new ArrayList<>();
        List<Future<HttpResponse<String>>> others = new ArrayList<>();
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String payload : List.of(GROUP_BY_UNIQUE, DISTINCT_UNIQUE)) {
                runaways.add(users.submit(() -> query(alice, unique, payload)));
            }
            for (int i = 0; i < 20; i++) {
                int offset = i % 3;
                others.add(users.submit(() -> bob.get("/api/datasets/" + small + "/rows?sort=-v&offset=" + offset)));
                others.add(users.submit(() -> query(bob, small, SUM_BY_CATEGORY)));
            }
        }
        for (Future<HttpResponse<String>> runaway : runaways) {
            HttpResponse<String> response = runaway.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = QuarryApi.JSON.readTree(response.body());
            assertThat(problem.get("code").asString()).isEqualTo("QUERY_MEMORY_LIMIT");
            assertThat(problem.get("title").asString()).isEqualTo("Query needed too much memory");
            assertThat(problem.get("detail").asString())
                    .startsWith("The chart query needed more memory than the server allows (quarry.engine"
                            + ".memory-limit 64MB, of which one query holds up to 4MB before spilling to disk, and at"
                            + " most 8MB spilled, quarry.engine.temp-limit) and was stopped.");
        }
        for (Future<HttpResponse<String>> other : others) {
            HttpResponse<String> response = other.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        JsonNode sums =
                QuarryApi.JSON.readTree(query(alice, unique, SUM_BY_CATEGORY).body());
        assertThat(sums.size()).isEqualTo(CATEGORIES);
        for (int c = 0; c < CATEGORIES; c++) {
            // category c holds the rows i = c, c + 5, ...; their v = i % 10 alternates between c and c + 5
            long expected = (long) (ROWS / CATEGORIES / 2) * (c + c + 5);
            assertThat(sums.get(c).get("category").asString()).isEqualTo("c" + c);
            assertThat(sums.get(c).get("v_sum").asLong()).isEqualTo(expected);
        }
        assertThat(alice.getJson("/api/datasets/" + unique + "/rows?sort=-x&limit=1")
                        .get("rows")
                        .get(0)
                        .get(1)
                        .asDouble())
                .isEqualTo(1_000_002.5);
    }

    private static HttpResponse<String> query(QuarryApi api, String id, String payload) throws Exception {
        return api.send(api.request("/api/datasets/" + id + "/query")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build());
    }
}
