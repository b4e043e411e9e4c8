package io.quarry.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QuarryCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = QuarryCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void missingFileIsOneLineAndExitCodeOne(@TempDir Path dir) {
        String missing = dir.resolve("nope.csv").toString();

        assertThat(run("ingest", missing, "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("quarry: No such file: " + missing + "." + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void directoryIsNotAFile(@TempDir Path dir) {
        assertThat(run("ingest", dir.toString(), "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("quarry: " + dir + " is a directory, not a file." + System.lineSeparator());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("rows")).isEqualTo(2);
        assertThat(run("list", "--bogus")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'ID'", "Unknown option: '--bogus'");
    }

    @Test
    void invalidEngineSettingIsAUsageError(@TempDir Path dir) {
        assertThat(run("list", "--data-dir", dir.toString(), "--memory-limit", "lots"))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("Invalid engine setting: memoryLimit must look like 400MB, not lots");
    }

    @Test
    void quarryErrorMessagesAreKeptAsIsOnOneLine() {
        var failure = new QuarryException(EngineError.DATASET_NOT_FOUND, "No dataset\n  with id x.");

        assertThat(QuarryCli.FailureHandler.message(failure)).isEqualTo("No dataset\n  with id x.");
        assertThat(QuarryCli.FailureHandler.message(new IllegalStateException("boom")))
                .isEqualTo("Internal error: boom (set QUARRY_DEBUG=1 to see the stack trace).");
    }

    @Test
    void defaultNameDropsKnownExtensions() {
        assertThat(IngestCommand.defaultName(Path.of("dir/trips.csv.gz"))).isEqualTo("trips");
        assertThat(IngestCommand.defaultName(Path.of("trips.TSV.zst"))).isEqualTo("trips");
        assertThat(IngestCommand.defaultName(Path.of("sales.2024.csv"))).isEqualTo("sales.2024");
        assertThat(IngestCommand.defaultName(Path.of("readme"))).isEqualTo("readme");
        assertThat(IngestCommand.defaultName(Path.of(".csv"))).isEqualTo(".csv");
    }

    @Test
    void serveMapsOnlyTheGivenOptionsToSpringProperties() {
        CommandLine commandLine = QuarryCli.commandLine();
        commandLine.parseArgs("serve", "--port", "8123", "--data-dir", "d", "--threads", "2");
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();

        assertThat(serve.springArguments())
                .contains("--server.port=8123", "--quarry.data-dir=d", "--quarry.engine.threads=2");
    }
}
