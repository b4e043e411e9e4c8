package io.quarry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole benchmark once on a 2 MB file, child JVMs included. */
class IngestBenchSmokeIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void benchesBothContendersEndToEnd() throws Exception {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int exitCode = IngestBench.run(new String[] {"--sizes", "2MB", "--runs", "1", "--dir", dir.toString()}, out);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).as(printed).contains("== 2MB: trips-2MB.csv").contains("I/O floor");
        assertThat(printed).as(printed).containsPattern("(?m)^quarry +1/1 .* 19,048 +0 ");
        assertThat(printed).as(printed).containsPattern("(?m)^duckdb +1/1 .* 19,048 +0 ");
        assertThat(exitCode).as(printed).isZero();
        try (var left = Files.list(dir)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .as("run directories are deleted")
                    .containsExactlyInAnyOrder("trips-2MB.csv", "trips-2MB.csv.meta");
        }
    }
}
