package io.quarry.engine;

import java.util.List;

/**
 * A page of rows.
 *
 * @param total the number of rows under the request's filter
 */
public record Page(List<Column> columns, List<Row> rows, long offset, int limit, long total) {

    public Page {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
