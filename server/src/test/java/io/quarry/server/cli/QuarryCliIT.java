package io.quarry.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
import io.quarry.server.support.QuarryProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real jar, run as a process on small files written here. Needs {@code mvn package} first (Failsafe). */
class QuarryCliIT {

    private static final String PEOPLE = "id,name,score\n1,Ann,9.5\n2,Bob,7.25\n3,Cy,8\n";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    private String dataDir;

    @BeforeEach
    void dataDir() {
        dataDir = work.resolve("data").toString();
    }

    private QuarryProcess.Result quarry(String... args) throws IOException, InterruptedException {
        return QuarryProcess.run(work, withDataDir(args));
    }

    private QuarryProcess.Result quarryWithStdin(byte[] stdin, String... args)
            throws IOException, InterruptedException {
        return QuarryProcess.run(work, stdin, withDataDir(args));
    }

    private String[] withDataDir(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dataDir);
        return all.toArray(String[]::new);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text, StandardCharsets.UTF_8);
    }

    private JsonNode ok(QuarryProcess.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return JSON.readTree(result.out());
    }

    private JsonNode ingestJson(Path file) throws IOException, InterruptedException {
        return ok(quarry("ingest", file.toString(), "--json"));
    }

    private static void assertOneLineFailure(QuarryProcess.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.errLines())
                .as(result.toString())
                .singleElement()
                .asString()
                .startsWith("quarry: ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void ingestPrintsIdRowsAndColumns() throws Exception {
        Path file = write("people.csv", PEOPLE);

        QuarryProcess.Result result = quarry("ingest", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("Dataset +\\S+ \\(people\\)");
        assertThat(result.out()).containsPattern("Rows +3");
        assertThat(result.out()).containsPattern("Rejected +0");
        assertThat(result.out()).contains("id", "name", "score", "BIGINT", "VARCHAR", "MB/s");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void ingestJsonHasEveryKey() throws Exception {
        JsonNode json = ingestJson(write("people.csv", PEOPLE));

        assertThat(json.propertyNames())
                .contains("id", "name", "rows", "rejected", "rejects", "columns", "dialect", "warnings", "seconds");
        assertThat(json.get("name").asString()).isEqualTo("people");
        assertThat(json.get("rows").asLong()).isEqualTo(3);
        assertThat(json.get("rejected").asLong()).isZero();
        assertThat(json.get("rejects").isArray()).isTrue();
        assertThat(json.get("warnings").isArray()).isTrue();
        assertThat(json.get("seconds").isNumber()).isTrue();
        assertThat(json.get("columns")).hasSize(3);
        for (JsonNode column : json.get("columns")) {
            assertThat(column.propertyNames()).contains("name", "label", "type");
        }
        assertThat(json.get("columns").get(0).get("name").asString()).isEqualTo("id");
        assertThat(json.get("columns").get(0).get("type").asString()).isEqualTo("BIGINT");
        JsonNode dialect = json.get("dialect");
        assertThat(dialect.propertyNames())
                .contains("delimiter", "quote", "escape", "header", "encoding", "lineEnding");
        assertThat(dialect.get("delimiter").asString()).isEqualTo(",");
        assertThat(dialect.get("quote").asString()).hasSize(1);
        assertThat(dialect.get("header").asBoolean()).isTrue();
    }

    @Test
    void listInfoRowsAndRm() throws Exception {
        String id = ingestJson(write("people.csv", PEOPLE)).get("id").asString();

        JsonNode list = ok(quarry("list", "--json"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asString()).isEqualTo(id);
        assertThat(quarry("list").out()).contains(id, "people");

        JsonNode info = ok(quarry("info", id, "--json"));
        assertThat(info.get("id").asString()).isEqualTo(id);
        assertThat(info.get("rows").asLong()).isEqualTo(3);
        assertThat(quarry("info", id).out()).contains(id, "score");

        JsonNode page = ok(quarry("rows", id, "--offset", "1", "--limit", "1", "--json"));
        assertThat(page.propertyNames()).contains("columns", "rows", "offset", "limit", "total");
        assertThat(page.get("offset").asLong()).isEqualTo(1);
        assertThat(page.get("limit").asInt()).isEqualTo(1);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("rows")).hasSize(1);
        assertThat(page.get("rows").get(0).get(1).asString()).isEqualTo("Bob");

        JsonNode sorted = ok(quarry("rows", id, "--sort", "id:desc", "--json"));
        assertThat(sorted.get("rows").get(0).get(0).asLong()).isEqualTo(3);
        assertThat(sorted.get("rows").get(2).get(0).asLong()).isEqualTo(1);

        QuarryProcess.Result table = quarry("rows", id, "--sort", "score");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).startsWith("#").contains("id", "name", "score");
        assertThat(lines.get(1)).contains("Bob");
        assertThat(lines.get(1).indexOf("Bob")).isEqualTo(lines.get(2).indexOf("Cy"));

        QuarryProcess.Result removed = quarry("rm", id);
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(ok(quarry("list", "--json"))).isEmpty();
        assertOneLineFailure(quarry("info", id));
    }

    @Test
    void raggedRowGoesToTheRejects() throws Exception {
        JsonNode ingest = ingestJson(write("ragged.csv", "a,b\n1,2\n3\n4,5\n"));
        assertThat(ingest.get("rows").asLong()).isEqualTo(2);
        assertThat(ingest.get("rejected").asLong()).isEqualTo(1);
        assertThat(ingest.get("rejects").get(0).propertyNames()).contains("line", "reason", "raw");

        String id = ingest.get("id").asString();
        JsonNode rejects = ok(quarry("rejects", id, "--json"));
        assertThat(rejects.propertyNames()).contains("rejects", "offset", "limit", "total");
        assertThat(rejects.get("total").asLong()).isEqualTo(1);
        assertThat(rejects.get("rejects").get(0).get("line").asLong()).isEqualTo(3);

        QuarryProcess.Result table = quarry("rejects", id);
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).contains("LINE", "REASON", "1 of 1 rejects shown.");
    }

    @Test
    void ingestsStandardInput() throws Exception {
        QuarryProcess.Result result = quarryWithStdin(PEOPLE.getBytes(StandardCharsets.UTF_8), "ingest", "-", "--json");

        JsonNode json = ok(result);
        assertThat(json.get("name").asString()).isEqualTo("stdin");
        assertThat(json.get("rows").asLong()).isEqualTo(3);
        Path uploads = Path.of(dataDir, "uploads");
        if (Files.isDirectory(uploads)) {
            try (var files = Files.list(uploads)) {
                assertThat(files).as("the stdin copy is deleted").isEmpty();
            }
        }
    }

    @Test
    void exportsAViewToStandardOutputOrAFile() throws Exception {
        Path file = write("cells.csv", "id,note,score\n1,=SUM(A1),-5\n2,plain,7.25\n3,\"a, b\",8\n");
        String id = ingestJson(file).get("id").asString();

        QuarryProcess.Result exact = quarry("export", id, "--sort", "score:desc", "--filter", "score:gt:0");
        Path out = work.resolve("for-excel.csv");
        QuarryProcess.Result spreadsheet = quarry("export", id, "--spreadsheet", "-o", out.toString());
        QuarryProcess.Result nowhere =
                quarry("export", id, "-o", work.resolve("no/such/dir/x.csv").toString());

        assertThat(exact.exitCode()).as(exact.toString()).isZero();
        assertThat(exact.out()).isEqualTo("id,note,score\r\n3,\"a, b\",8.00\r\n2,plain,7.25\r\n");
        assertThat(spreadsheet.exitCode()).as(spreadsheet.toString()).isZero();
        assertThat(spreadsheet.err()).contains("Wrote 3 rows to " + out);
        assertThat(Files.readString(out, StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFid,note,score\r\n1,'=SUM(A1),-5.00\r\n2,plain,7.25\r\n3,\"a, b\",8.00\r\n");
        assertOneLineFailure(nowhere);
        assertThat(nowhere.err()).contains("Could not write");
    }

    @Test
    void ingestsGzipAndZstdFiles() throws Exception {
        Path gzip = work.resolve("trips.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(PEOPLE.getBytes(StandardCharsets.UTF_8));
        }
        Path zstd = work.resolve("rides.csv.zst");
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(zstd))) {
            out.write(PEOPLE.getBytes(StandardCharsets.UTF_8));
        }

        JsonNode fromGzip = ingestJson(gzip);
        JsonNode fromZstd = ingestJson(zstd);

        assertThat(fromGzip.get("name").asString()).isEqualTo("trips");
        assertThat(fromGzip.get("rows").asLong()).isEqualTo(3);
        assertThat(fromZstd.get("name").asString()).isEqualTo("rides");
        assertThat(fromZstd.get("rows").asLong()).isEqualTo(3);
    }

    @Test
    void missingFileFailsWithOneLine() throws Exception {
        String missing = work.resolve("missing.csv").toString();

        QuarryProcess.Result result = quarry("ingest", missing);

        assertOneLineFailure(result);
        assertThat(result.err()).isEqualTo("quarry: No such file: " + missing + "." + System.lineSeparator());
    }

    @Test
    void emptyFileFailsWithOneLine() throws Exception {
        assertOneLineFailure(quarry("ingest", write("empty.csv", "").toString()));
    }

    @Test
    void unknownDatasetFailsWithOneLine() throws Exception {
        assertOneLineFailure(quarry("info", "no-such-dataset"));
        assertOneLineFailure(quarry("rows", "no-such-dataset"));
        assertOneLineFailure(quarry("rm", "no-such-dataset"));
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        QuarryProcess.Result result = quarry("rows");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required parameter: 'ID'", "Usage: quarry rows");
    }
}
