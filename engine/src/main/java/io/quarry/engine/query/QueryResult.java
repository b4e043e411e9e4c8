package io.quarry.engine.query;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rows of a chart query, each keyed by field id: numbers as Long, Double (or BigDecimal when neither is exact),
 * text as String, booleans as Boolean, dates and timestamps as epoch milliseconds (Long, UTC), bins as a two-element
 * list {@code [lo, hi]}; null for a missing value.
 *
 * @param capped true when there were more rows than the engine returns at most, and the rest were cut off
 * @param warnings what the user should know, e.g. that a pattern was not a valid regular expression
 */
public record QueryResult(List<Map<String, @Nullable Object>> rows, boolean capped, List<String> warnings) {

    public QueryResult {
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
    }
}
