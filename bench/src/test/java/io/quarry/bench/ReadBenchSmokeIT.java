package io.quarry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole read benchmark on a 2 MB file, twice: the second run reuses the ingested dataset. */
class ReadBenchSmokeIT {

    private static final String[] CASES = {
        "plain page @0 ",
        "plain page @9,524 ",
        "plain page @18,048 ",
        "sorted first @0 ",
        "sorted first @9,524 ",
        "sorted first @18,048 ",
        "sorted repeated @0 ",
        "sorted repeated @9,524 ",
        "sorted repeated @18,048 ",
        "search \"late\" first ",
        "search \"late\" repeated ",
    };

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void benchesEveryCaseAndReusesTheDataset() throws Exception {
        String first = run();
        String second = run();

        assertThat(first).as(first).contains("ingested ").contains("19,048 rows, 0 rejected");
        assertThat(second).as(second).contains("reusing dataset ").doesNotContain("ingested ");
        for (String printed : new String[] {first, second}) {
            assertThat(printed).as(printed).contains("== 2MB: 19,048 rows, pages of 1000, 3 timed runs");
            for (String name : CASES) {
                assertThat(printed).as(printed).containsPattern("(?m)^" + Pattern.quote(name) + " +3 ");
            }
            assertThat(printed).as(printed).containsPattern("(?m)^city = \\S.* first +3 ");
            assertThat(printed).as(printed).containsPattern("(?m)^city = \\S.* repeated +3 ");
            assertThat(printed)
                    .as(printed)
                    .contains("cache statistics")
                    .contains("  orders ")
                    .contains("  pages ");
        }
    }

    private String run() throws Exception {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exitCode = ReadBench.run(new String[] {"--size", "2MB", "--runs", "3", "--dir", dir.toString()}, out);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(printed).isZero();
        return printed;
    }
}
