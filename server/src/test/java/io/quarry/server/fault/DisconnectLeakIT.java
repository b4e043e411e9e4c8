package io.quarry.server.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.QuarryApi;
import io.quarry.server.support.ServerProcess;
import io.quarry.server.upload.CsvGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * 200 clients that go away mid-request (raw upload, tus PATCH, progress stream, chart query, page of rows) leave the
 * real server's open files and threads where they were.
 */
class DisconnectLeakIT {

    private static final int EACH = 40;
    private static final int TOLERANCE = 8;
    private static final String AGGREGATE = """
            {"workflow":[{"type":"view","query":[{"op":"aggregate","groupBy":["id"],
               "measures":[{"field":"price","agg":"sum","asFieldKey":"price_sum"}]}]},
             {"type":"sort","sort":"descending","by":["price_sum"]}],"limit":10}""";

    @TempDir
    Path work;

    private ServerProcess server;
    private QuarryApi admin;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void droppedClientsLeakNoFileHandlesAndNoThreads() throws Exception {
        server = ServerProcess.serve(work, work.resolve("data"), Map.of());
        admin = QuarryApi.login(server.base(), "admin", ServerProcess.ADMIN_PASSWORD);
        Path csv = work.resolve("rows.csv");
        long rows = CsvGenerator.write(csv, 40L * 1024 * 1024);
        HttpResponse<String> accepted = admin.send(admin.request("/api/datasets?name=rows")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv))
                .build());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String dataset = QuarryApi.JSON.readTree(accepted.body()).get("id").asString();
        JsonNode ready = admin.awaitFinished(dataset);
        assertThat(ready.get("rowCount").asLong()).as(ready.toString()).isEqualTo(rows);

        long queryStart = System.nanoTime();
        HttpResponse<String> whole = admin.send(admin.request("/api/datasets/" + dataset + "/query")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(AGGREGATE))
                .build());
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        System.out.printf(
                "DisconnectLeakIT: the aggregate over %d rows takes %d ms%n",
                rows, (System.nanoTime() - queryStart) / 1_000_000);
        String waiting = createTusUpload(10 * 1024 * 1024);
        for (int i = 0; i < 2; i++) {
            dropEach(dataset, waiting, i);
        }
        int[] before = settle(null);

        for (int i = 0; i < EACH; i++) {
            dropEach(dataset, waiting, i);
        }

        int[] after = settle(before);
        System.out.printf(
                "DisconnectLeakIT: %d dropped clients; open fds %d before, %d after; threads %d before, %d after;"
                        + " load average %s%n",
                5 * EACH, before[0], after[0], before[1], after[1], loadAverage());
        assertThat(after[0]).as("open fds, %d before", before[0]).isLessThanOrEqualTo(before[0] + TOLERANCE);
        assertThat(after[1]).as("threads, %d before", before[1]).isLessThanOrEqualTo(before[1] + TOLERANCE);
        assertThat(admin.getJson("/api/datasets/" + dataset).get("status").asString())
                .isEqualTo("ready");
        List<String> names = admin.getJson("/api/datasets").findValuesAsString("name");
        assertThat(names).as("datasets of cut-off raw uploads").noneMatch(name -> name.startsWith("cut"));
    }

    /** One client of each kind that goes away mid-request; odd attempts reset the connection, even ones close it. */
    private void dropEach(String dataset, String waiting, int attempt) throws Exception {
        boolean reset = attempt % 2 == 1;
        int megabytes10 = 10 * 1024 * 1024;
        try (Socket socket = connect()) {
            send(socket, "POST /api/datasets?name=cut" + attempt, "text/csv", megabytes10);
            socket.getOutputStream().write(csvChunk());
            drop(socket, reset);
        }
        String tus = createTusUpload(megabytes10);
        try (Socket socket = connect()) {
            send(
                    socket,
                    "PATCH /api/uploads/" + tus,
                    "application/offset+octet-stream",
                    megabytes10,
                    "Tus-Resumable: 1.0.0",
                    "Upload-Offset: 0");
            socket.getOutputStream().write(csvChunk());
            drop(socket, reset);
        }
        try (Socket socket = connect()) {
            send(socket, "GET /api/datasets/" + waiting + "/progress", null, -1, "Accept: text/event-stream");
            readUntil(socket.getInputStream(), "event:progress");
            drop(socket, reset);
        }
        try (Socket socket = connect()) {
            byte[] body = AGGREGATE.getBytes(StandardCharsets.UTF_8);
            send(socket, "POST /api/datasets/" + dataset + "/query", "application/json", body.length);
            socket.getOutputStream().write(body);
            drop(socket, reset);
        }
        try (Socket socket = connect()) {
            send(
                    socket,
                    "GET /api/datasets/" + dataset + "/rows?limit=1000&offset=" + (attempt * 7919) + "&sort=-price",
                    null,
                    -1);
            drop(socket, reset);
        }
        HttpResponse<String> terminated = admin.send(admin.request("/api/uploads/" + tus)
                .header("Tus-Resumable", "1.0.0")
                .DELETE()
                .build());
        assertThat(terminated.statusCode()).as(terminated.body()).isEqualTo(204);
    }

    /**
     * Waits until the server's open fds and threads are back within the tolerance of {@code before} (or 20 s), and
     * answers them; with no {@code before}, waits 2 s for a quiet server first.
     */
    private int[] settle(int[] before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Thread.sleep(2000);
        int[] now = {server.openFiles(), server.threads()};
        while (before != null
                && (now[0] > before[0] + TOLERANCE || now[1] > before[1] + TOLERANCE)
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
            now = new int[] {server.openFiles(), server.threads()};
        }
        return now;
    }

    private String createTusUpload(long length) throws Exception {
        HttpResponse<String> created = admin.send(admin.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(length))
                .header(
                        "Upload-Metadata",
                        "filename "
                                + Base64.getEncoder().encodeToString("dropped.csv".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private void send(Socket socket, String requestLine, String contentType, long length, String... headers)
            throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                requestLine + " HTTP/1.1",
                "Host: 127.0.0.1:" + server.port(),
                "Authorization: Bearer " + admin.token()));
        if (contentType != null) {
            lines.add("Content-Type: " + contentType);
        }
        if (length >= 0) {
            lines.add("Content-Length: " + length);
        }
        lines.addAll(List.of(headers));
        OutputStream out = socket.getOutputStream();
        out.write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void drop(Socket socket, boolean reset) throws IOException {
        socket.getOutputStream().flush();
        if (reset) {
            socket.setSoLinger(true, 0);
        }
    }

    private static byte[] csvChunk() {
        return "id,name\n1,a\n2,b\n3,c\n".repeat(4000).getBytes(StandardCharsets.US_ASCII);
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            seen.append((char) b);
            if (seen.indexOf(marker) >= 0) {
                return;
            }
        }
        throw new AssertionError("the stream ended before " + marker + ": " + seen);
    }

    private static String loadAverage() throws IOException {
        return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
    }
}
