package io.quarry.server.cli;

import io.quarry.engine.Engine;
import io.quarry.engine.PageRequest;
import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import io.quarry.server.dataset.CsvExport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "export",
        description = "Write every row of a dataset, or of a sorted, filtered or searched view of it, as CSV.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The dataset's id.")
    private String id;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "FILE",
            description = "Write to this file (made whole or not at all) instead of standard output.")
    private @Nullable Path out;

    @Option(
            names = "--spreadsheet",
            description = "For Excel and co.: a UTF-8 byte-order mark, and text that a spreadsheet would run as a"
                    + " formula (= + - @ first) prefixed with '. Without it every value is exactly as stored.")
    private boolean spreadsheet;

    @Mixin
    private ViewOptions view;

    @Mixin
    private EngineOptions engineOptions;

    @Override
    public Integer call() throws IOException {
        PageRequest first = new PageRequest(id, 0, PageRequest.MAX_LIMIT, view.sort(), view.filters(), view.search());
        long rows;
        try (Engine engine = engineOptions.open()) {
            CsvExport export = new CsvExport(engine, first);
            rows = out == null ? toStandardOutput(export) : toFile(export, out);
        }
        if (out != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(String.format(Locale.ROOT, "Wrote %s rows to %s.", Formats.count(rows), out));
            err.flush();
        }
        return 0;
    }

    private long toStandardOutput(CsvExport export) throws IOException {
        OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
        long rows = export.write(stdout, spreadsheet);
        stdout.flush();
        return rows;
    }

    /** Writes next to the target and renames at the end, so a failure never leaves half a file under its name. */
    private long toFile(CsvExport export, Path target) {
        Path absolute = target.toAbsolutePath();
        Path partial = null;
        try {
            partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
            long rows;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                rows = export.write(file, spreadsheet);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return rows;
        } catch (IOException e) {
            try {
                if (partial != null) {
                    Files.deleteIfExists(partial);
                }
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw new QuarryException(
                    ServerError.EXPORT_FAILED, "Could not write " + target + ": " + e.getMessage() + ".", e);
        }
    }
}
