package io.quarry.server.cli;

import io.quarry.engine.Dataset;
import io.quarry.engine.Dialect;
import io.quarry.engine.Engine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info", description = "Show a dataset: size, columns and how its file was read.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The dataset's id.")
    private String id;

    @Option(names = "--json", description = "Print the dataset as one JSON object.")
    private boolean json;

    @Mixin
    private EngineOptions engineOptions;

    @Override
    public Integer call() {
        Dataset d;
        try (Engine engine = engineOptions.open()) {
            d = engine.requireDataset(id);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonViews.print(out, JsonViews.DatasetJson.of(d));
            return 0;
        }
        Dialect dialect = d.dialect();
        out.println("Dataset   " + d.id() + " (" + d.name() + ")");
        out.println("Created   " + Formats.instant(d.createdAt()));
        out.println("Rows      " + Formats.count(d.rowCount()));
        out.println("Rejected  " + Formats.count(d.rejectedCount()));
        out.println(
                "Source    " + Formats.megabytes(d.sourceBytes()) + ", stored " + Formats.megabytes(d.storedBytes()));
        out.println("Dialect   delimiter " + printable(dialect.delimiter()) + ", quote " + printable(dialect.quote())
                + ", escape " + printable(dialect.escape()) + ", header " + (dialect.header() ? "yes" : "no") + ", "
                + dialect.encoding() + ", " + dialect.lineEnding());
        out.println("Columns   " + d.columns().size());
        Formats.printColumns(out, d.columns());
        Formats.printWarnings(out, d);
        out.flush();
        return 0;
    }

    private static String printable(char c) {
        return switch (c) {
            case '\t' -> "TAB";
            case ' ' -> "SPACE";
            default -> "'" + c + "'";
        };
    }
}
