package io.quarry.server.cli;

import io.quarry.engine.Column;
import io.quarry.engine.Engine;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.Row;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rows", description = "Print a page of a dataset's rows.")
final class RowsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The dataset's id.")
    private String id;

    @Option(
            names = "--offset",
            paramLabel = "K",
            defaultValue = "0",
            description = "Skip this many rows (default: ${DEFAULT-VALUE}).")
    private long offset;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "Print at most this many rows, up to 10000 (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--json", description = "Print {columns, rows, offset, limit, total} as one JSON object.")
    private boolean json;

    @Mixin
    private ViewOptions view;

    @Mixin
    private EngineOptions engineOptions;

    @Override
    public Integer call() {
        PageRequest request = new PageRequest(id, offset, limit, view.sort(), view.filters(), view.search());
        Page page;
        try (Engine engine = engineOptions.open()) {
            page = engine.readPage(request);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonViews.print(out, JsonViews.PageJson.of(page));
            return 0;
        }
        List<String> headers = new ArrayList<>();
        headers.add("#");
        boolean[] right = new boolean[page.columns().size() + 1];
        right[0] = true;
        for (Column column : page.columns()) {
            headers.add(column.name());
            right[headers.size() - 1] = column.type().isNumeric();
        }
        TextTable table = new TextTable(headers, right);
        for (Row row : page.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(String.valueOf(row.position()));
            for (Object value : row.values()) {
                cells.add(value == null ? "" : value.toString());
            }
            table.add(cells);
        }
        table.print(out);
        out.println(summary(page));
        out.flush();
        return 0;
    }

    private static String summary(Page page) {
        String total = (page.totalExact() ? "" : "at least ") + Formats.count(page.total());
        if (page.rows().isEmpty()) {
            return "No rows at offset " + Formats.count(page.offset()) + " of " + total + ".";
        }
        long first = page.offset() + 1;
        long last = page.offset() + page.rows().size();
        return "Rows " + Formats.count(first) + "–" + Formats.count(last) + " of " + total + ".";
    }
}
