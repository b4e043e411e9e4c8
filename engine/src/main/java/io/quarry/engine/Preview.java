package io.quarry.engine;

import java.util.List;

/**
 * The columns and first rows of a file that may still be arriving, read from the part that is there. Types are those
 * of that part: the finished ingest may widen them.
 */
public record Preview(List<Column> columns, List<Row> rows) {

    public static final int MAX_ROWS = 1_000;

    public Preview {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
