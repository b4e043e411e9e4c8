package io.quarry.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.QuarryApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The size limit and the quota answer 413 problems, and nothing of a refused upload stays on disk. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UploadLimitsIT {

    private static final Path DATA_DIR = dataDir();
    private static final long MB = 1024 * 1024;

    @LocalServerPort
    int port;

    private QuarryApi dave;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("quarry.data-dir", DATA_DIR::toString);
        registry.add("quarry.admin.password", () -> "admin-password-1");
        registry.add("quarry.upload.max-size", () -> "1MB");
        registry.add("quarry.upload.user-quota", () -> "3MB");
    }

    @BeforeEach
    void login() throws Exception {
        if (dave == null) {
            QuarryApi admin = QuarryApi.login("http://127.0.0.1:" + port, "admin", "admin-password-1");
            dave = admin.createUser("dave" + System.nanoTime() % 100000, "password-of-dave");
        }
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedBeforeAnyByteIsStored() throws Exception {
        long size = (long) (7.2 * 1024 * MB);
        HttpResponse<String> response = dave.send(dave.request("/api/datasets?name=huge")
                .header("Content-Type", "text/csv")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new CsvGenerator(size)), size))
                .build());

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode problem = QuarryApi.JSON.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo("UPLOAD_TOO_LARGE");
        assertThat(problem.get("detail").asString()).isEqualTo("The file is 7.2 GB; your limit is 1 MB.");
        assertNothingStored();
    }

    @Test
    void aMultipartFileOverTheLimitIsCutOffAndRemoved() throws Exception {
        String boundary = "----limits";
        byte[] head = ("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\n")
                .getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] file = new CsvGenerator(3 * MB / 2).readAllBytes();
        HttpResponse<String> response = dave.send(dave.request("/api/datasets?name=big")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(file),
                        HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build());

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode problem = QuarryApi.JSON.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo("UPLOAD_TOO_LARGE");
        assertThat(problem.get("detail").asString()).isEqualTo("The file is more than 1 MB; your limit is 1 MB.");
        assertNothingStored();
    }

    @Test
    void theQuotaCountsTheFilesAUserKeeps() throws Exception {
        byte[] file = new CsvGenerator(900 * 1024).readAllBytes();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> accepted = dave.upload("part " + i, "text/csv", file);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            dave.awaitFinished(
                    QuarryApi.JSON.readTree(accepted.body()).get("id").asString());
        }

        HttpResponse<String> refused = dave.upload("one too many", "text/csv", file);

        assertThat(refused.statusCode()).isEqualTo(413);
        JsonNode problem = QuarryApi.JSON.readTree(refused.body());
        assertThat(problem.get("code").asString()).isEqualTo("UPLOAD_QUOTA_EXCEEDED");
        assertThat(problem.get("detail").asString())
                .isEqualTo("The file is 900 KB, but only 372 KB of your 3 MB quota is left."
                        + " Delete datasets you no longer need.");
        assertThat(dave.getJson("/api/datasets").size()).isEqualTo(3);
    }

    private void assertNothingStored() throws Exception {
        try (Stream<Path> uploads = Files.list(Files.createDirectories(DATA_DIR.resolve("uploads")))) {
            assertThat(uploads).isEmpty();
        }
        assertThat(dave.getJson("/api/datasets").toString()).doesNotContain("huge", "\"big\"");
    }

    private static Path dataDir() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "limits-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
