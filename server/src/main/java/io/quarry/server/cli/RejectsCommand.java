package io.quarry.server.cli;

import io.quarry.engine.Engine;
import io.quarry.engine.EngineError;
import io.quarry.engine.PageRequest;
import io.quarry.engine.QuarryException;
import io.quarry.engine.Reject;
import io.quarry.engine.RejectPage;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rejects", description = "Print the records of a dataset's file that could not be read.")
final class RejectsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The dataset's id.")
    private String id;

    @Option(
            names = "--offset",
            paramLabel = "K",
            defaultValue = "0",
            description = "Skip this many rejects (default: ${DEFAULT-VALUE}).")
    private long offset;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "Print at most this many rejects (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--json", description = "Print {rejects, offset, limit, total} as one JSON object.")
    private boolean json;

    @Mixin
    private EngineOptions engineOptions;

    @Override
    public Integer call() {
        if (offset < 0) {
            throw new QuarryException(EngineError.INVALID_PAGE, "The offset must be 0 or more, not " + offset + ".");
        }
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new QuarryException(
                    EngineError.INVALID_PAGE,
                    "The limit must be between 1 and " + PageRequest.MAX_LIMIT + ", not " + limit + ".");
        }
        RejectPage page;
        try (Engine engine = engineOptions.open()) {
            page = engine.readRejects(id, offset, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonViews.print(out, JsonViews.RejectPageJson.of(page));
            return 0;
        }
        TextTable table = new TextTable(List.of("LINE", "REASON", "RAW"), new boolean[] {true, false, false});
        for (Reject reject : page.rejects()) {
            table.add(List.of(String.valueOf(reject.line()), reject.reason(), reject.raw()));
        }
        if (!page.rejects().isEmpty()) {
            table.print(out);
        }
        out.println(Formats.count(page.rejects().size()) + " of " + Formats.count(page.total()) + " rejects shown.");
        out.flush();
        return 0;
    }
}
