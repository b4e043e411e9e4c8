package io.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.auth.ApiClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code quarry serve} from the real jar: health goes UP, {@code /} serves the web app, and a dataset the command line
 * ingested for a user ({@code quarry ingest --owner}) is theirs in the API.
 */
class ServeIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void servesHealthTheWebAppAndDatasetsIngestedForAUser(@TempDir Path work) throws Exception {
        String dataDir = work.resolve("data").toString();
        Path trips = Files.writeString(work.resolve("trips.csv"), "id,city,price\n1,Oslo,12.50\n2,Rome,7.25\n");
        assertThat(quarry(work, "alice-password\n", "user", "add", "alice", "--data-dir", dataDir))
                .contains("Added user alice");
        String unknownOwner = quarry(work, "", "ingest", trips.toString(), "--owner", "nobody", "--data-dir", dataDir);
        assertThat(unknownOwner).contains("exit 1", "No user is called nobody.");
        assertThat(quarry(work, "", "list", "--data-dir", dataDir))
                .as("nothing was ingested for an unknown owner")
                .doesNotContain("trips");
        String ingested = quarry(work, "", "ingest", trips.toString(), "--owner", "alice", "--data-dir", dataDir);
        assertThat(ingested).contains("exit 0", "Owner     alice");

        int port = freePort();
        Path log = work.resolve("serve.log");
        List<String> command = java();
        command.addAll(List.of("serve", "--port", String.valueOf(port), "--data-dir", dataDir));
        ProcessBuilder serve = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        serve.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        Process process = serve.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitHealthUp(base + "/actuator/health", process, log);

            HttpResponse<String> index = get(base + "/");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("<title>Quarry</title>", "<div id=\"root\">");
            HttpResponse<String> appRoute = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/datasets"))
                            .header("Accept", "text/html")
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(appRoute.body()).contains("<div id=\"root\">");

            ApiClient alice = new ApiClient(base);
            assertThat(alice.login("alice", "alice-password").statusCode()).isEqualTo(200);
            JsonNode list = ApiClient.json(alice.send(HttpRequest.newBuilder(URI.create(base + "/api/datasets"))
                    .header("X-Request-Id", "serve-it-list")
                    .GET()));
            assertThat(list.size()).isEqualTo(1);
            assertThat(list.get(0).get("name").asString()).isEqualTo("trips");
            assertThat(list.get(0).get("owner").asString()).isEqualTo("alice");
            assertThat(list.get(0).get("status").asString()).isEqualTo("ready");
            JsonNode rows = ApiClient.json(
                    alice.get("/api/datasets/" + list.get(0).get("id").asString() + "/rows"));
            assertThat(rows.get("total").asLong()).isEqualTo(2);
            assertThat(rows.get("rows").get(1).get(1).asString()).isEqualTo("Rome");

            JsonNode logged = requestLogLine(log, "serve-it-list");
            assertThat(logged.get("log").get("logger").asString()).isEqualTo("quarry.requests");
            assertThat(logged.get("message").asString()).startsWith("GET /api/datasets 200 ");
            assertThat(logged.get("user").get("name").asString()).isEqualTo("alice");
            assertThat(logged.get("http").get("status").asString()).isEqualTo("200");
            assertThat(logged.get("url").get("path").asString()).isEqualTo("/api/datasets");
            assertThat(logged.get("duration").get("ms").asLong()).isNotNegative();
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar"));
        command.add(Path.of("target/quarry.jar").toAbsolutePath().toString());
        return command;
    }

    /** Runs a command of the jar to its end: its exit code, then what it printed on stdout and stderr. */
    private static String quarry(Path work, String stdin, String... args) throws Exception {
        List<String> command = java();
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return "exit " + process.exitValue() + "\n" + Files.readString(out);
    }

    /** The JSON request-log line of the request with that id; every line of the log must be JSON. */
    private static JsonNode requestLogLine(Path log, String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (String line : Files.readAllLines(log)) {
                JsonNode json = ApiClient.JSON.readTree(line);
                if (json.path("requestId").asString("").equals(requestId)
                        && json.path("log").path("logger").asString("").equals("quarry.requests")) {
                    return json;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no request-log line for " + requestId + ":\n" + tail(log));
            }
            Thread.sleep(100);
        }
    }

    private void awaitHealthUp(String url, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("quarry serve exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> health = get(url);
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("health not UP within " + STARTUP.toSeconds() + " s:\n" + tail(log));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
