package io.quarry.engine.sql;

import java.util.List;

/**
 * A list bound as one {@code VARCHAR[]} parameter (and cast to the column's type in SQL), so a filter with
 * thousands of values is one parameter, not thousands of placeholders.
 */
public record SqlArray(List<String> values) {

    public SqlArray {
        values = List.copyOf(values);
    }
}
