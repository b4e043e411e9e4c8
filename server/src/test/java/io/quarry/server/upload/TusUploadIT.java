package io.quarry.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarry.server.dataset.ApiTestSupport;
import io.quarry.server.dataset.QuarryApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Resumable uploads (tus 1.0.0): the stock tus-js-client from Node, and the protocol's answers one by one. */
class TusUploadIT extends ApiTestSupport {

    private static final Path HARNESS = Path.of("src/test/node").toAbsolutePath();

    @Test
    void tusJsClientUploadsAnInterruptedFileByResumingIt(@TempDir Path work) throws Exception {
        assumeTrue(Files.isDirectory(HARNESS.resolve("node_modules/tus-js-client")), "npm ci was skipped");
        QuarryApi erin = user("erin");
        Path file = work.resolve("trips.csv");
        try (var in = new CsvGenerator(3_000_000)) {
            Files.copy(in, file);
        }

        Process node = new ProcessBuilder(
                        "node",
                        "tus-upload.mjs",
                        base() + "/api/uploads",
                        erin.token(),
                        file.toString(),
                        String.valueOf(512 * 1024),
                        "resumed trips")
                .directory(HARNESS.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();

        List<JsonNode> events = new ArrayList<>();
        for (String line : output.strip().split("\n")) {
            events.add(QuarryApi.JSON.readTree(line));
        }
        assertThat(events).extracting(event -> event.get("event").asString()).containsExactly("interrupted", "success");
        long interruptedAt = events.get(0).get("offset").asLong();
        assertThat(interruptedAt).isBetween(1L, 3_000_000L - 1);
        String url = events.get(1).get("url").asString();
        String id = url.substring(url.lastIndexOf('/') + 1);

        JsonNode upload = erin.getJson("/api/uploads/" + id);
        assertThat(upload.get("offset").asLong()).isEqualTo(3_000_000);
        assertThat(upload.get("filename").asString()).isEqualTo("trips.csv");
        assertThat(upload.get("datasetId").asString()).isEqualTo(id);
        JsonNode dataset = erin.awaitFinished(id);
        assertThat(dataset.get("status").asString()).isEqualTo("ready");
        assertThat(dataset.get("name").asString()).isEqualTo("resumed trips");
        assertThat(dataset.get("sizeBytes").asLong()).isEqualTo(3_000_000);
    }

    @Test
    void theProtocolAnswersOffsetsConflictsAndTermination() throws Exception {
        QuarryApi erin = user("erin");
        QuarryApi frank = user("frank");
        byte[] csv = "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> options = erin.send(erin.request("/api/uploads")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Tus-Version")).hasValue("1.0.0");
        assertThat(options.headers().firstValue("Tus-Extension")).hasValue("creation,termination");
        assertThat(options.headers().firstValue("Tus-Max-Size")).hasValue(String.valueOf(1024L * 1024 * 1024));

        HttpResponse<String> created = erin.send(erin.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(csv.length))
                .header("Upload-Metadata", "filename " + base64("ab.csv") + ",name " + base64("ab"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
        String location = created.headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/api/uploads/"));
        String id = path.substring("/api/uploads/".length());

        assertThat(patch(erin, path, 0, csv, 0, 5).headers().firstValue("Upload-Offset"))
                .hasValue("5");
        HttpResponse<String> head = erin.send(erin.request(path)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue("5");
        assertThat(head.headers().firstValue("Upload-Length")).hasValue(String.valueOf(csv.length));

        HttpResponse<String> stale = patch(erin, path, 0, csv, 0, 5);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(QuarryApi.JSON.readTree(stale.body()).get("code").asString()).isEqualTo("UPLOAD_OFFSET_MISMATCH");
        assertThat(patch(frank, path, 5, csv, 5, csv.length).statusCode()).isEqualTo(404);
        assertThat(frank.get(path).statusCode()).isEqualTo(404);

        HttpResponse<String> last = patch(erin, path, 5, csv, 5, csv.length);
        assertThat(last.statusCode()).isEqualTo(204);
        assertThat(last.headers().firstValue("Upload-Offset")).hasValue(String.valueOf(csv.length));
        assertThat(erin.getJson(path).get("datasetId").asString()).isEqualTo(id);
        assertThat(erin.awaitFinished(id).get("rowCount").asLong()).isEqualTo(2);

        HttpResponse<String> other = erin.send(erin.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "100")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        String otherPath = other.headers().firstValue("Location").orElseThrow();
        otherPath = otherPath.substring(otherPath.indexOf("/api/uploads/"));
        String otherId = otherPath.substring("/api/uploads/".length());
        assertThat(DATA_DIR.resolve("uploads").resolve(otherId)).exists();
        HttpResponse<String> terminated = erin.send(erin.request(otherPath)
                .header("Tus-Resumable", "1.0.0")
                .DELETE()
                .build());
        assertThat(terminated.statusCode()).isEqualTo(204);
        assertThat(erin.get(otherPath).statusCode()).isEqualTo(404);
        assertThat(DATA_DIR.resolve("uploads").resolve(otherId)).doesNotExist();
    }

    @Test
    void showsTheFirstRowsOnceAMegabyteHasArrived() throws Exception {
        QuarryApi erin = user("erin");
        byte[] csv;
        try (var in = new CsvGenerator(3_000_000)) {
            csv = in.readAllBytes();
        }
        HttpResponse<String> created = erin.send(erin.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(csv.length))
                .header("Upload-Metadata", "filename " + base64("early.csv"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        String location = created.headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/api/uploads/"));
        String id = path.substring("/api/uploads/".length());

        JsonNode started = erin.getJson("/api/datasets/" + id);
        assertThat(started.get("status").asString()).isEqualTo("uploading");
        assertThat(started.get("preview").asBoolean()).isFalse();
        assertThat(erin.get("/api/datasets/" + id + "/rows").statusCode()).isEqualTo(409);

        int megabyte = 1 << 20;
        assertThat(patch(erin, path, 0, csv, 0, megabyte + 1000).statusCode()).isEqualTo(204);
        JsonNode arriving = erin.getJson("/api/datasets/" + id);
        assertThat(arriving.get("status").asString()).isEqualTo("uploading");
        assertThat(arriving.get("preview").asBoolean()).isTrue();
        assertThat(arriving.get("columns").findValuesAsString("name")).containsExactly("id", "city", "price", "day");
        JsonNode rows = erin.getJson("/api/datasets/" + id + "/rows?limit=1000");
        assertThat(rows.get("preview").asBoolean()).isTrue();
        assertThat(rows.get("totalExact").asBoolean()).isFalse();
        assertThat(rows.get("rows").size()).isEqualTo(1000);
        assertThat(rows.get("positions").get(0).asLong()).isEqualTo(1);
        assertThat(rows.get("rows").get(0).get(0).asLong()).isEqualTo(1);
        assertThat(erin.get("/api/datasets/" + id + "/rows?sort=-price").statusCode())
                .isEqualTo(409);

        assertThat(patch(erin, path, megabyte + 1000, csv, megabyte + 1000, csv.length)
                        .statusCode())
                .isEqualTo(204);
        JsonNode ready = erin.awaitFinished(id);
        assertThat(ready.get("status").asString()).isEqualTo("ready");
        assertThat(ready.get("preview").asBoolean()).isFalse();
        assertThat(erin.getJson("/api/datasets/" + id + "/rows?limit=1")
                        .get("preview")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void anUploadOverTheLimitIsRefusedAtCreation() throws Exception {
        QuarryApi erin = user("erin");
        HttpResponse<String> refused = erin.send(erin.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(5L * 1024 * 1024 * 1024))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(QuarryApi.JSON.readTree(refused.body()).get("detail").asString())
                .isEqualTo("The file is 5 GB; your limit is 1 GB.");
    }

    private static HttpResponse<String> patch(QuarryApi api, String path, long offset, byte[] data, int from, int to)
            throws Exception {
        byte[] part = java.util.Arrays.copyOfRange(data, from, to);
        return api.send(api.request(path)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", String.valueOf(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(part))
                .build());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
