package io.quarry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole load benchmark with two users on 1 MB for two seconds per run, against the server jar when it has
 * been built ({@code ../server/target/quarry.jar}; skipped otherwise, as the bench module does not build the server).
 */
class LoadBenchSmokeIT {

    private static final Path JAR = Path.of("..", "server", "target", "quarry.jar");

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void runsTwiceAgainstTheServerAndOncePlain() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), "no server jar at " + JAR.toAbsolutePath());
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int exitCode = LoadBench.run(
                new String[] {
                    "--users", "2", "--seconds", "2", "--size", "1MB", "--dir", dir.toString(), "--jar", JAR.toString()
                },
                out);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(printed).isZero();
        assertThat(printed)
                .as(printed)
                .contains("2 users uploaded 1MB each")
                .contains("== quarry run 1: ")
                .contains("== quarry run 2: ")
                .contains("== plain duckdb: ")
                .containsPattern("(?m)^chart +[0-9,]+ ")
                .contains("5xx answers: 0 (ok)")
                .containsPattern("run 2 changed RSS by [+-]\\d+ MiB");
        // the server's data directory is gone (its log stays when an ingest failed and was uploaded again)
        assertThat(Files.list(dir).filter(path -> path.getFileName().toString().startsWith("load-")))
                .allMatch(path -> Files.isRegularFile(path) && printed.contains("INGEST FAILED"));
    }
}
