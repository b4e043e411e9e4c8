package io.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.auth.ApiClient;
import io.quarry.server.support.QuarryProcess;
import io.quarry.server.support.ServerProcess;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code quarry serve} from the real jar: health goes UP, {@code /} serves the web app, a dataset the command line
 * ingested for a user ({@code quarry ingest --owner}) is theirs in the API, and the request log is JSON with
 * structured logging on.
 */
class ServeIT {

    @Test
    void servesHealthTheWebAppAndDatasetsIngestedForAUser(@TempDir Path work) throws Exception {
        String dataDir = work.resolve("data").toString();
        Path trips = Files.writeString(work.resolve("trips.csv"), "id,city,price\n1,Oslo,12.50\n2,Rome,7.25\n");
        byte[] password = "alice-password\n".getBytes(StandardCharsets.UTF_8);
        assertThat(QuarryProcess.run(work, password, "user", "add", "alice", "--data-dir", dataDir)
                        .out())
                .contains("Added user alice");
        String unknownOwner = QuarryProcess.run(
                        work, "ingest", trips.toString(), "--owner", "nobody", "--data-dir", dataDir)
                .toString();
        assertThat(unknownOwner).contains("exit 1", "No user is called nobody.");
        assertThat(QuarryProcess.run(work, "list", "--data-dir", dataDir).out())
                .as("nothing was ingested for an unknown owner")
                .doesNotContain("trips");
        String ingested = QuarryProcess.run(work, "ingest", trips.toString(), "--owner", "alice", "--data-dir", dataDir)
                .toString();
        assertThat(ingested).contains("exit 0", "Owner     alice");

        try (ServerProcess server =
                ServerProcess.serve(work, Path.of(dataDir), Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"))) {
            ApiClient browser = new ApiClient(server.base());
            String index = browser.get("/").body();
            assertThat(index).contains("<title>Quarry</title>", "<div id=\"root\">");
            String appRoute = browser.send(HttpRequest.newBuilder(URI.create(server.base() + "/datasets"))
                            .header("Accept", "text/html")
                            .GET())
                    .body();
            assertThat(appRoute).contains("<div id=\"root\">");

            ApiClient alice = new ApiClient(server.base());
            assertThat(alice.login("alice", "alice-password").statusCode()).isEqualTo(200);
            JsonNode list =
                    ApiClient.json(alice.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/datasets"))
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

            JsonNode logged = requestLogLine(server, "serve-it-list");
            assertThat(logged.get("log").get("logger").asString()).isEqualTo("quarry.requests");
            assertThat(logged.get("message").asString()).startsWith("GET /api/datasets 200 ");
            assertThat(logged.get("user").get("name").asString()).isEqualTo("alice");
            assertThat(logged.get("http").get("status").asString()).isEqualTo("200");
            assertThat(logged.get("url").get("path").asString()).isEqualTo("/api/datasets");
            assertThat(logged.get("duration").get("ms").asLong()).isNotNegative();
        }
    }

    /** The JSON request-log line of the request with that id; every line of the log must be JSON. */
    private static JsonNode requestLogLine(ServerProcess server, String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (String line : Files.readAllLines(server.log())) {
                JsonNode json = ApiClient.JSON.readTree(line);
                if (json.path("requestId").asString("").equals(requestId)
                        && json.path("log").path("logger").asString("").equals("quarry.requests")) {
                    return json;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no request-log line for " + requestId + ":\n" + server.logTail());
            }
            Thread.sleep(100);
        }
    }
}
