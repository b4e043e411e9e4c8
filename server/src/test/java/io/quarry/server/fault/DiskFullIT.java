package io.quarry.server.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarry.server.dataset.QuarryApi;
import io.quarry.server.support.ServerProcess;
import io.quarry.server.upload.CsvGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The real server on a small tmpfs as its data directory (so the disk really fills up): uploads that would leave less
 * than {@code quarry.upload.min-free-space} free are refused with 507 before a byte is stored, and an ingest that runs
 * the disk down fails with a clear reason, keeps its upload and runs again after a restart with more space.
 */
class DiskFullIT {

    private static final long MB = 1024 * 1024;
    private static final Map<String, String> SETTINGS = Map.of("QUARRY_UPLOAD_MINFREESPACE", "32MB");

    @TempDir
    Path work;

    private Path data;
    private final List<ServerProcess> servers = new ArrayList<>();

    @BeforeEach
    void mountSmallDisk() throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "DiskFullIT mounts a tmpfs as the data directory, which needs root; skipped as "
                        + System.getProperty("user.name"));
        data = Files.createDirectory(work.resolve("data"));
        int mounted = run("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", data.toString());
        assumeTrue(mounted == 0, "DiskFullIT could not mount a tmpfs (exit " + mounted + "); skipped");
    }

    @AfterEach
    void unmount() throws Exception {
        for (ServerProcess server : servers) {
            server.close();
        }
        if (data != null) {
            run("umount", "-l", data.toString());
        }
    }

    @Test
    void uploadsThatWouldFillTheDiskAreRefusedBeforeAnyByteIsStored() throws Exception {
        ServerProcess server = start();
        QuarryApi admin = QuarryApi.login(server.base(), "admin", ServerProcess.ADMIN_PASSWORD);
        HttpResponse<String> created = createTus(admin, MB);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String tus = location.substring(location.lastIndexOf('/') + 1);
        int datasets = admin.getJson("/api/datasets").size();

        Path filler = work.resolve("data/filler");
        fill(filler, usable() - 20 * MB);
        long free = usable();
        System.out.printf("DiskFullIT: %d MB free on the data directory's tmpfs, 32 MB must stay free%n", free / MB);

        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII);
        assertDiskFull(admin.upload("raw", "text/csv", csv));
        String boundary = "----quarry-disk-full";
        byte[] multipart = ("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\na,b\n1,2\n\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertDiskFull(admin.send(admin.request("/api/datasets")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart))
                .build()));
        assertDiskFull(createTus(admin, 1000));
        assertDiskFull(admin.send(admin.request("/api/uploads/" + tus)
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[(int) MB]))
                .build()));

        assertThat(admin.getJson("/api/datasets")).hasSize(datasets);
        assertThat(list(data.resolve("uploads"))).containsExactly(tus);
        assertThat(data.resolve("uploads").resolve(tus).resolve("source")).isEmptyFile();

        Files.delete(filler);
        assertThat(admin.upload("raw", "text/csv", csv).statusCode()).isEqualTo(202);
    }

    @Test
    void anIngestThatRunsTheDiskDownFailsKeepsItsUploadAndRunsAgainWithMoreSpace() throws Exception {
        ServerProcess server = start();
        QuarryApi admin = QuarryApi.login(server.base(), "admin", ServerProcess.ADMIN_PASSWORD);
        Path csv = work.resolve("big.csv");
        long rows = CsvGenerator.write(csv, 34 * MB);
        System.out.printf(
                "DiskFullIT: %d MB free before a %d MB upload, 32 MB must stay free%n",
                usable() / MB, Files.size(csv) / MB);

        HttpResponse<String> accepted = admin.send(admin.request("/api/datasets?name=big")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv))
                .build());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = QuarryApi.JSON.readTree(accepted.body()).get("id").asString();
        JsonNode failed = admin.awaitFinished(id);

        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.toString()).contains("INGEST_DISK_FULL").contains("disk space");
        assertThat(list(data.resolve("staging"))).as("staging").isEmpty();
        assertThat(data.resolve("uploads").resolve(id).resolve("source")).hasSize(Files.size(csv));
        System.out.printf("DiskFullIT: the ingest failed with %s%n", failed);

        server.kill();
        assertThat(run("mount", "-o", "remount,size=256m", data.toString())).isZero();
        server = start();
        admin = QuarryApi.login(server.base(), "admin", ServerProcess.ADMIN_PASSWORD);
        JsonNode ready = admin.awaitFinished(id);
        assertThat(ready.get("status").asString()).as(ready.toString()).isEqualTo("ready");
        assertThat(ready.get("rowCount").asLong()).isEqualTo(rows);
        assertThat(list(data.resolve("uploads"))).isEmpty();
    }

    private ServerProcess start() throws Exception {
        ServerProcess server = ServerProcess.serve(work, data, SETTINGS);
        servers.add(server);
        return server;
    }

    private static void assertDiskFull(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(507);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = QuarryApi.JSON.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo("UPLOAD_DISK_FULL");
        assertThat(problem.get("type").asString()).isEqualTo("/docs/errors#upload-disk-full");
        assertThat(problem.get("detail").asString())
                .matches("The server has only [0-9.]+ MB of disk space free; .*32 MB must stay free\\..*")
                .contains("Nothing was stored");
    }

    private static HttpResponse<String> createTus(QuarryApi api, long length) throws Exception {
        return api.send(api.request("/api/uploads")
                .header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("t.csv".getBytes()))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private long usable() throws IOException {
        FileStore store = Files.getFileStore(data);
        return store.getUsableSpace();
    }

    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[(int) MB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    private static List<String> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString()).toList();
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
