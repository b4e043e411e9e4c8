package io.quarry.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.QuarryApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Uploads made to hurt: a gzip bomb, bodies longer or shorter than their Content-Length, a PATCH at the wrong offset,
 * file names with path characters, and binary files. Each gets a clear answer and leaves nothing behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileUploadIT {

    private static final Path DATA_DIR = dataDir();
    private static final String CSV = "city,price\nOslo,1\nBergen,2\n";

    @LocalServerPort
    int port;

    private static QuarryApi mallory;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("quarry.data-dir", DATA_DIR::toString);
        registry.add("quarry.admin.password", () -> "admin-password-1");
        registry.add("quarry.upload.max-decompressed-size", () -> "1MB");
    }

    @BeforeEach
    void login() throws Exception {
        if (mallory == null) {
            QuarryApi admin = QuarryApi.login("http://127.0.0.1:" + port, "admin", "admin-password-1");
            mallory = admin.createUser("mallory", "password-of-mallory");
        }
    }

    @Test
    void aGzipBombStopsAtTheDecompressedLimitAndPublishesNothing() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write("id,word\n".getBytes(StandardCharsets.US_ASCII));
            byte[] rows = "1,bomb\n".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 100; i++) {
                gzip.write(rows);
            }
        }
        assertThat(compressed.size()).as("70 MB of text, compressed").isLessThan(200_000);

        HttpResponse<String> accepted = mallory.upload("bomb", "application/gzip", compressed.toByteArray());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = QuarryApi.JSON.readTree(accepted.body()).get("id").asString();
        JsonNode failed = mallory.awaitFinished(id);

        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("failure").get("code").asString()).isEqualTo("CSV_DECOMPRESSED_TOO_LARGE");
        assertThat(failed.get("failure").get("detail").asString())
                .startsWith("The compressed file expands to more than 1,048,576 bytes, the most this server accepts");
        assertThat(mallory.get("/api/datasets/" + id + "/rows").statusCode()).isEqualTo(409);
        assertThat(list(DATA_DIR.resolve("uploads"))).doesNotContain(id);
        assertThat(list(DATA_DIR.resolve("staging"))).isEmpty();
    }

    @Test
    void aBodyShorterThanItsContentLengthIsRefusedAndNothingIsKept() throws Exception {
        int datasets = mallory.getJson("/api/datasets").size();
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("short", 1000).getBytes(StandardCharsets.US_ASCII));
            out.write(CSV.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json");
        JsonNode problem =
                QuarryApi.JSON.readTree(response.substring(response.indexOf('{'), response.lastIndexOf('}') + 1));
        assertThat(problem.get("code").asString()).isEqualTo("UPLOAD_INVALID");
        assertThat(problem.get("detail").asString())
                .isEqualTo("The request body ended after 27 bytes of the 1000 bytes its Content-Length declares;"
                        + " nothing was kept. Upload the file again.");
        assertThat(mallory.getJson("/api/datasets")).hasSize(datasets);
        assertThat(mallory.getJson("/api/datasets").toString()).doesNotContain("\"short\"");
    }

    /**
     * HTTP/1.1 frames a body by its Content-Length, so bytes after it are the next request on the connection: the
     * upload keeps exactly the declared bytes, and the rest is answered as a malformed request (a problem, not
     * Tomcat's HTML page), never stored.
     */
    @Test
    void bytesPastTheContentLengthAreNotPartOfTheUpload() throws Exception {
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("long", CSV.length()).getBytes(StandardCharsets.US_ASCII));
            out.write((CSV + "Trondheim,3\nextra bytes that were not declared\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(response).startsWith("HTTP/1.1 202");
        int rejected = response.indexOf("HTTP/1.1 400");
        assertThat(rejected).as(response).isPositive();
        String second = response.substring(rejected);
        assertThat(second).containsIgnoringCase("Content-Type: application/problem+json");
        JsonNode problem = QuarryApi.JSON.readTree(second.substring(second.indexOf('{')));
        assertThat(problem.get("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).contains("Content-Length");
        String id = QuarryApi.JSON
                .readTree(response.substring(response.indexOf('{'), response.indexOf('}') + 1))
                .get("id")
                .asString();
        JsonNode dataset = mallory.awaitFinished(id);
        assertThat(dataset.get("status").asString()).isEqualTo("ready");
        assertThat(dataset.get("sizeBytes").asLong()).isEqualTo(CSV.length());
        assertThat(dataset.get("rowCount").asLong()).isEqualTo(2);
    }

    @Test
    void aPatchAtTheWrongOffsetAnswers409AndWritesNothing() throws Exception {
        String id = createTus("offset.csv", CSV.length());
        HttpResponse<String> wrong = patch(id, 5, CSV.getBytes(StandardCharsets.US_ASCII));

        assertThat(wrong.statusCode()).isEqualTo(409);
        assertThat(wrong.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = QuarryApi.JSON.readTree(wrong.body());
        assertThat(problem.get("code").asString()).isEqualTo("UPLOAD_OFFSET_MISMATCH");
        assertThat(problem.get("detail").asString())
                .isEqualTo("The upload is at byte 0, not 5; ask for its offset with HEAD.");
        assertThat(DATA_DIR.resolve("uploads").resolve(id).resolve("source")).isEmptyFile();
        assertThat(patch(id, 0, CSV.getBytes(StandardCharsets.US_ASCII)).statusCode())
                .isEqualTo(204);
        assertThat(mallory.awaitFinished(id).get("status").asString()).isEqualTo("ready");
    }

    @Test
    void fileNamesWithPathCharactersOnlyEverNameTheDataset() throws Exception {
        String longName = "x".repeat(1000) + ".csv";
        List<List<String>> cases = List.of(
                List.of("../../etc/passwd", "passwd"),
                List.of("a/b\\c", "c"),
                List.of("nul\u0000in.csv", "nulin.csv"),
                List.of(longName, "x".repeat(200)),
                List.of("données 📊 – 東京.csv", "données 📊 – 東京.csv"),
                List.of("../", "Untitled"));
        for (List<String> pair : cases) {
            String filename = pair.get(0);
            String expected = pair.get(1);
            String tus = createTus(filename, CSV.length());
            assertThat(patch(tus, 0, CSV.getBytes(StandardCharsets.US_ASCII)).statusCode())
                    .isEqualTo(204);
            assertThat(mallory.awaitFinished(tus).get("name").asString()).isEqualTo(expected);

            if (filename.indexOf('\u0000') < 0) {
                HttpResponse<String> multipart = multipart(filename);
                assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(202);
                String id = QuarryApi.JSON.readTree(multipart.body()).get("id").asString();
                assertThat(mallory.awaitFinished(id).get("name").asString()).isEqualTo(expected);
            }
        }
        try (Stream<Path> stored = Files.walk(DATA_DIR)) {
            assertThat(stored.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.equals("passwd") || name.startsWith("xxxx") || name.contains("東京"));
        }
    }

    @Test
    void binaryFilesAreNamedAndRefusedAsNotText() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, '\r', 'I', 'H', 'D', 'R', 0, 0};
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 62, 0};
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, 'x', 'l', '/'};
        List<List<Object>> cases = List.of(
                List.of(png, "The file is a PNG image, not a CSV text file."),
                List.of(elf, "The file is a program (ELF), not a CSV text file."),
                List.of(zip, "The file is a ZIP archive (an .xlsx or .docx file is one), not a CSV text file."));
        for (List<Object> pair : cases) {
            HttpResponse<String> accepted = mallory.upload("binary", "application/octet-stream", (byte[]) pair.get(0));
            assertThat(accepted.statusCode()).isEqualTo(202);
            String id = QuarryApi.JSON.readTree(accepted.body()).get("id").asString();
            JsonNode failed = mallory.awaitFinished(id);

            assertThat(failed.get("status").asString()).isEqualTo("failed");
            assertThat(failed.get("failure").get("code").asString()).isEqualTo("CSV_NOT_TEXT");
            assertThat(failed.get("failure").get("detail").asString()).startsWith((String) pair.get(1));
        }
    }

    private String head(String name, int length) {
        return "POST /api/datasets?name=" + name + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + mallory.token() + "\r\n"
                + "Content-Type: text/csv\r\n"
                + "Content-Length: " + length + "\r\n\r\n";
    }

    private String createTus(String filename, long length) throws Exception {
        HttpResponse<String> created = mallory.send(mallory.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(length))
                .header(
                        "Upload-Metadata",
                        "filename " + Base64.getEncoder().encodeToString(filename.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> patch(String id, long offset, byte[] bytes) throws Exception {
        return mallory.send(mallory.request("/api/uploads/" + id)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", String.valueOf(offset))
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    private HttpResponse<String> multipart(String filename) throws Exception {
        String boundary = "----hostile";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + filename + "\"\r\nContent-Type: text/csv\r\n\r\n" + CSV + "\r\n--"
                        + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return mallory.send(mallory.request("/api/datasets")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
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

    private static Path dataDir() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "hostile-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
