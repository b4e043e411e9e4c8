package io.quarry.engine.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalCsvSplitterTest {

    @TempDir
    private Path dir;

    @Test
    void copiesEachGroupOfColumnsFieldByFieldWithQuotedCommasQuotesAndNewlines() throws IOException {
        Path canonical = Files.writeString(
                dir.resolve("rows.csv"),
                "c0,c1,c2,c3,c4\n" + "1,\"a,b\",,\"say \"\"hi\"\"\",\"two\nlines\"\n" + "\"\",2,x,,\n",
                UTF_8);
        List<Path> outputs = List.of(dir.resolve("0.csv"), dir.resolve("1.csv"), dir.resolve("2.csv"));

        CanonicalCsvSplitter.split(canonical, 2, outputs);

        assertThat(Files.readString(outputs.get(0), UTF_8)).isEqualTo("c0,c1\n1,\"a,b\"\n\"\",2\n");
        assertThat(Files.readString(outputs.get(1), UTF_8)).isEqualTo("c2,c3\n,\"say \"\"hi\"\"\"\nx,\n");
        assertThat(Files.readString(outputs.get(2), UTF_8)).isEqualTo("c4\n\"two\nlines\"\n\n");
    }

    @Test
    void splitsRecordsThatCrossTheReadBuffer() throws IOException {
        String value = "v".repeat(100_000);
        Path canonical = Files.writeString(
                dir.resolve("rows.csv"), "c0,c1\n" + value + ",\"" + value + ",\"\n" + "1,2\n", UTF_8);
        List<Path> outputs = List.of(dir.resolve("0.csv"), dir.resolve("1.csv"));

        CanonicalCsvSplitter.split(canonical, 1, outputs);

        assertThat(Files.readString(outputs.get(0), UTF_8)).isEqualTo("c0\n" + value + "\n1\n");
        assertThat(Files.readString(outputs.get(1), UTF_8)).isEqualTo("c1\n\"" + value + ",\"\n2\n");
    }
}
