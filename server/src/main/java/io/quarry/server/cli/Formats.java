package io.quarry.server.cli;

import io.quarry.engine.Column;
import io.quarry.engine.Dataset;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** Small text formats shared by the human-readable outputs. */
final class Formats {

    private Formats() {}

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    static void printColumns(PrintWriter out, List<Column> columns) {
        TextTable table = new TextTable(List.of("  COLUMN", "TYPE", "HEADER"), new boolean[3]);
        for (Column column : columns) {
            table.add(List.of("  " + column.name(), column.type().toString(), column.label()));
        }
        table.print(out);
    }

    static void printWarnings(PrintWriter out, Dataset dataset) {
        for (String warning : dataset.warnings()) {
            out.println("Warning: " + warning);
        }
    }
}
