package io.quarry.server.cli;

import io.quarry.engine.Dataset;
import io.quarry.engine.Engine;
import io.quarry.engine.EngineError;
import io.quarry.engine.IngestRequest;
import io.quarry.engine.IngestResult;
import io.quarry.engine.QuarryException;
import io.quarry.engine.Reject;
import io.quarry.server.ServerError;
import io.quarry.server.auth.OfflineAccounts;
import io.quarry.server.auth.QuarryPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "ingest",
        description = "Read a CSV or TSV file (plain, gzip or zstd) into a new dataset. Use - to read standard input.")
final class IngestCommand implements Callable<Integer> {

    static final String STDIN = "-";
    private static final Set<String> EXTENSIONS =
            Set.of("csv", "tsv", "tab", "psv", "txt", "dat", "gz", "gzip", "zst", "zstd");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The file to read, or - for standard input.")
    private String file;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "The dataset's name (default: the file name without extensions; stdin for -).")
    private @Nullable String name;

    @Option(
            names = "--owner",
            paramLabel = "USER",
            description = "Give the dataset to this user, so it shows in their web app and API. The server must be"
                    + " stopped meanwhile: it holds the metadata store.")
    private @Nullable String owner;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    private boolean json;

    @Mixin
    private EngineOptions engineOptions;

    @Override
    public Integer call() throws IOException {
        // the owner is checked before anything is read, so a wrong name costs nothing
        try (OfflineAccounts accounts =
                owner == null ? null : OfflineAccounts.openFromEnvironment(engineOptions.dataDir())) {
            QuarryPrincipal user = accounts == null ? null : accounts.requireUser(owner);
            if (file.equals(STDIN)) {
                Path upload = copyStandardInput(engineOptions.dataDir());
                try {
                    ingest(upload, name == null ? "stdin" : name, accounts, user);
                } finally {
                    Files.deleteIfExists(upload);
                }
            } else {
                Path source = Path.of(file);
                if (Files.isDirectory(source)) {
                    throw new QuarryException(EngineError.SOURCE_NOT_FOUND, file + " is a directory, not a file.");
                }
                if (!Files.exists(source)) {
                    throw new QuarryException(EngineError.SOURCE_NOT_FOUND, "No such file: " + file + ".");
                }
                ingest(source, name == null ? defaultName(source) : name, accounts, user);
            }
        }
        return 0;
    }

    /** Ingests, gives the dataset to the user when there is one (or removes it again if that fails), and reports. */
    private void ingest(
            Path source, String datasetName, @Nullable OfflineAccounts accounts, @Nullable QuarryPrincipal user) {
        PrintWriter err = spec.commandLine().getErr();
        IngestResult result;
        JsonViews.OwnerJson given = null;
        try (Engine engine = engineOptions.open();
                ProgressPrinter progress = ProgressPrinter.forTerminal(err)) {
            result = engine.ingest(IngestRequest.of(source, datasetName), progress);
            if (accounts != null && user != null) {
                try {
                    given = new JsonViews.OwnerJson(user.username(), accounts.giveDataset(user, result.dataset()));
                } catch (RuntimeException e) {
                    engine.deleteDataset(result.dataset().id());
                    throw e;
                }
            }
        }
        report(result, given);
    }

    private void report(IngestResult result, JsonViews.@Nullable OwnerJson given) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonViews.print(out, JsonViews.IngestJson.of(result, given));
            return;
        }
        Dataset dataset = result.dataset();
        out.println("Dataset   " + dataset.id() + " (" + dataset.name() + ")");
        if (given != null) {
            out.println("Owner     " + given.user() + " (in the web app and API as " + given.apiId() + ")");
        }
        out.println("Rows      " + Formats.count(dataset.rowCount()));
        out.println("Rejected  " + Formats.count(dataset.rejectedCount()));
        for (Reject reject : result.rejects()) {
            out.println("  line " + reject.line() + ": " + reject.reason());
        }
        if (dataset.rejectedCount() > result.rejects().size()) {
            out.println("  (all of them: quarry rejects " + dataset.id() + ")");
        }
        out.println("Columns   " + dataset.columns().size());
        Formats.printColumns(out, dataset.columns());
        out.println(String.format(
                Locale.ROOT, "Time      %.2f s (%.1f MB/s)", result.seconds(), result.megabytesPerSecond()));
        Formats.printWarnings(out, dataset);
        out.flush();
    }

    /** {@code trips.csv.gz} becomes {@code trips}: known extensions are dropped from the end, one by one. */
    static String defaultName(Path source) {
        String name = source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        while (dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            name = name.substring(0, dot);
            dot = name.lastIndexOf('.');
        }
        return name;
    }

    /** Standard input goes to a file in the data directory, so the engine can read it like any other file. */
    private static Path copyStandardInput(Path dataDir) {
        try {
            Path uploads = Files.createDirectories(dataDir.resolve("uploads"));
            Path upload = Files.createTempFile(uploads, "stdin-", "");
            try (InputStream in = System.in) {
                Files.copy(in, upload, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(upload);
                throw e;
            }
            return upload;
        } catch (IOException e) {
            throw new QuarryException(
                    ServerError.UPLOAD_FAILED,
                    "Could not store standard input under " + dataDir.resolve("uploads") + ": " + e.getMessage(),
                    e);
        }
    }
}
