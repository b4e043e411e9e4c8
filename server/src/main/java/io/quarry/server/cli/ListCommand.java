package io.quarry.server.cli;

import io.quarry.engine.Dataset;
import io.quarry.engine.Engine;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", description = "List the datasets, newest first.")
final class ListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array of datasets.")
    private boolean json;

    @Mixin
    private EngineOptions engineOptions;

    @Override
    public Integer call() {
        List<Dataset> datasets;
        try (Engine engine = engineOptions.open()) {
            datasets = engine.listDatasets();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonViews.print(
                    out, datasets.stream().map(JsonViews.DatasetJson::of).toList());
            return 0;
        }
        if (datasets.isEmpty()) {
            out.println("No datasets in " + engineOptions.dataDir() + ". Add one with: quarry ingest FILE");
            out.flush();
            return 0;
        }
        TextTable table = new TextTable(
                List.of("ID", "NAME", "ROWS", "REJECTED", "COLUMNS", "CREATED"),
                new boolean[] {false, false, true, true, true, false});
        for (Dataset d : datasets) {
            table.add(List.of(
                    d.id(),
                    d.name(),
                    Formats.count(d.rowCount()),
                    Formats.count(d.rejectedCount()),
                    String.valueOf(d.columns().size()),
                    Formats.instant(d.createdAt())));
        }
        table.print(out);
        return 0;
    }
}
