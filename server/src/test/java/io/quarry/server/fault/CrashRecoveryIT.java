package io.quarry.server.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.QuarryApi;
import io.quarry.server.support.ServerProcess;
import io.quarry.server.upload.CsvGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The real jar killed with SIGKILL mid-ingest and mid-upload, then started again on the same data directory. */
class CrashRecoveryIT {

    private static final String ADMIN_PASSWORD = ServerProcess.ADMIN_PASSWORD;

    @TempDir
    Path work;

    private final List<ServerProcess> servers = new ArrayList<>();
    private int port;

    @AfterEach
    void stopServers() throws InterruptedException {
        for (ServerProcess server : servers) {
            server.close();
        }
    }

    @Test
    void anIngestKilledMidWayIsIngestedAgainFromTheStoredUpload() throws Exception {
        Path csv = work.resolve("big.csv");
        long rows = CsvGenerator.write(csv, 150L * 1024 * 1024);
        Path data = work.resolve("data");
        ServerProcess server = start(data);
        QuarryApi admin = QuarryApi.login(base(), "admin", ADMIN_PASSWORD);

        HttpResponse<String> accepted = admin.send(admin.request("/api/datasets?name=big")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv))
                .build());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = QuarryApi.JSON.readTree(accepted.body()).get("id").asString();
        awaitStatus(admin, id, "ingesting", Duration.ofSeconds(30));
        Thread.sleep(300);
        assertThat(admin.getJson("/api/datasets/" + id).get("status").asString())
                .isEqualTo("ingesting");

        server.kill();
        assertThat(data.resolve("uploads").resolve(id).resolve("source")).hasSize(Files.size(csv));

        List<String> stale = list(data.resolve("staging"));
        assertThat(stale).as("the killed ingest's stage").isNotEmpty();

        start(data);
        assertThat(list(data.resolve("staging"))).doesNotContainAnyElementsOf(stale);
        admin = QuarryApi.login(base(), "admin", ADMIN_PASSWORD);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode detail;
        while (true) {
            detail = admin.getJson("/api/datasets/" + id);
            String status = detail.get("status").asString();
            if (status.equals("ready") || status.equals("failed") || System.nanoTime() > deadline) {
                break;
            }
            HttpResponse<String> page = admin.get("/api/datasets/" + id + "/rows?limit=10");
            if (page.statusCode() != 409) {
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                if (!QuarryApi.JSON.readTree(page.body()).get("preview").asBoolean()) {
                    // the ingest may have ended between the status and the page: a full page only once ready
                    assertThat(admin.getJson("/api/datasets/" + id)
                                    .get("status")
                                    .asString())
                            .as("a full page of a dataset that was %s", status)
                            .isEqualTo("ready");
                }
            }
            Thread.sleep(100);
        }
        assertThat(detail.get("status").asString()).as(detail.toString()).isEqualTo("ready");
        assertThat(detail.get("rowCount").asLong()).isEqualTo(rows);
        assertThat(detail.get("sizeBytes").asLong()).isEqualTo(Files.size(csv));
        assertThat(admin.getJson("/api/datasets/" + id + "/rows?limit=1")
                        .get("preview")
                        .asBoolean())
                .isFalse();
        assertThat(list(data.resolve("staging"))).isEmpty();
        assertThat(admin.getJson("/api/datasets")).hasSize(1);
    }

    @Test
    void aTusUploadKilledMidWayResumesFromTheOffsetThatHeadReports() throws Exception {
        Path csv = work.resolve("tus.csv");
        long rows = CsvGenerator.write(csv, 8L * 1024 * 1024);
        byte[] bytes = Files.readAllBytes(csv);
        Path data = work.resolve("data");
        ServerProcess server = start(data);
        QuarryApi admin = QuarryApi.login(base(), "admin", ADMIN_PASSWORD);

        HttpResponse<String> created = admin.send(admin.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(bytes.length))
                .header("Upload-Metadata", "filename " + base64("tus.csv") + ",name " + base64("tus"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/api/uploads/"));
        String id = path.substring("/api/uploads/".length());
        int part = 3 * 1024 * 1024 + 17;
        assertThat(patch(admin, path, 0, bytes, 0, part).statusCode()).isEqualTo(204);

        server.kill();
        Path source = data.resolve("uploads").resolve(id).resolve("source");
        long stored = Files.size(source);

        start(data);
        admin = QuarryApi.login(base(), "admin", ADMIN_PASSWORD);
        assertThat(admin.getJson("/api/datasets/" + id).get("status").asString())
                .isEqualTo("uploading");
        HttpResponse<String> head = admin.send(admin.request(path)
                .header("Tus-Resumable", "1.0.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(head.statusCode()).isEqualTo(200);
        long offset = Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
        assertThat(offset).isEqualTo(stored).isEqualTo(part);

        HttpResponse<String> rest = patch(admin, path, offset, bytes, (int) offset, bytes.length);
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);
        assertThat(rest.headers().firstValue("Upload-Offset")).hasValue(String.valueOf(bytes.length));
        if (Files.exists(source)) {
            assertThat(sha256(Files.readAllBytes(source))).isEqualTo(sha256(bytes));
        }
        JsonNode dataset = admin.awaitFinished(id);
        assertThat(dataset.get("status").asString()).as(dataset.toString()).isEqualTo("ready");
        assertThat(dataset.get("rowCount").asLong()).isEqualTo(rows);
        assertThat(dataset.get("sizeBytes").asLong()).isEqualTo(bytes.length);
    }

    @Test
    void clientsThatDisconnectMidUploadLeaveNoFilesAndNoThreads() throws Exception {
        Path data = work.resolve("data");
        ServerProcess server = start(data);
        QuarryApi admin = QuarryApi.login(base(), "admin", ADMIN_PASSWORD);
        admin.ingest("warm-up", "a,b\n1,2\n");
        assertThat(rawUpload(admin, "whole", "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII)))
                .startsWith("HTTP/1.1 202");
        abortUpload(admin, 0);
        awaitNoUnfinished(admin);
        int threadsAtStart = server.threads();

        for (int i = 1; i <= 50; i++) {
            abortUpload(admin, i);
        }

        awaitNoUnfinished(admin);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while ((server.threads() > threadsAtStart + 10
                        || !list(data.resolve("uploads")).isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(list(data.resolve("uploads"))).isEmpty();
        assertThat(server.threads())
                .as("threads, %d at start", threadsAtStart)
                .isLessThanOrEqualTo(threadsAtStart + 10);
        List<String> names = admin.getJson("/api/datasets").findValuesAsString("name");
        assertThat(names).contains("warm-up", "whole");
        assertThat(names).as("datasets of cut-off uploads").noneMatch(name -> name.startsWith("cut"));
    }

    /** Sends a whole raw upload by hand; answers the status line. */
    private String rawUpload(QuarryApi api, String name, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /api/datasets?name=" + name + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: Bearer " + api.token() + "\r\n"
                    + "Content-Type: text/csv\r\n"
                    + "Connection: close\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return response.lines().findFirst().orElse("");
        }
    }

    /** Sends the head of a raw 10 MB upload and part of its body, then drops the connection (a reset when odd). */
    private void abortUpload(QuarryApi api, int attempt) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            String head = "POST /api/datasets?name=cut" + attempt + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: Bearer " + api.token() + "\r\n"
                    + "Content-Type: text/csv\r\n"
                    + "Content-Length: " + (10 * 1024 * 1024) + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "id,name\n1,a\n2,b\n3,c\n".repeat(4000).getBytes(StandardCharsets.US_ASCII);
            out.write(chunk);
            out.flush();
            if (attempt % 2 == 1) {
                socket.setSoLinger(true, 0);
            }
        }
    }

    private static void awaitNoUnfinished(QuarryApi api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> statuses = List.of();
        while (System.nanoTime() < deadline) {
            statuses = api.getJson("/api/datasets").findValuesAsString("status");
            if (statuses.stream().allMatch(status -> status.equals("ready") || status.equals("failed"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("datasets still unfinished: " + statuses);
    }

    private ServerProcess start(Path data) throws Exception {
        ServerProcess server = ServerProcess.serve(work, data, Map.of());
        servers.add(server);
        port = server.port();
        return server;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static void awaitStatus(QuarryApi api, String id, String status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = api.getJson("/api/datasets/" + id).get("status").asString();
            if (seen.equals(status)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("dataset " + id + " never " + status + "; last " + seen);
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

    private static List<String> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
