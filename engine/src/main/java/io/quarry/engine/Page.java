package io.quarry.engine;

import java.util.List;

/**
 * A page of rows.
 *
 * @param total the number of rows under the request's filters; a lower bound when {@code totalExact} is false (the
 *     exact count was still being computed; ask again for it)
 */
public record Page(List<Column> columns, List<Row> rows, long offset, int limit, long total, boolean totalExact) {

    public Page {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
