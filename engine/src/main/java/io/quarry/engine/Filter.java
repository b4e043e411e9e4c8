package io.quarry.engine;

import java.util.List;
import java.util.Objects;

/**
 * A condition on one column. Values are text and are read by the column's type (a number column needs numbers, a
 * date column dates like 2024-01-31); a value that does not fit is an {@code INVALID_FILTER} error naming the column.
 *
 * @param caseSensitive for CONTAINS, STARTS_WITH and REGEX only; they ignore case by default
 */
public record Filter(String column, FilterOp op, List<String> values, boolean caseSensitive) {

    public static final int MAX_VALUES = 10_000;

    public Filter {
        Objects.requireNonNull(column);
        Objects.requireNonNull(op);
        values = List.copyOf(values);
        if (values.size() < op.minValues() || values.size() > op.maxValues()) {
            String wanted = op.minValues() == op.maxValues()
                    ? String.valueOf(op.minValues())
                    : "between " + op.minValues() + " and " + op.maxValues();
            throw new QuarryException(
                    EngineError.INVALID_FILTER,
                    "The " + op.name().toLowerCase(java.util.Locale.ROOT) + " filter on \"" + column + "\" takes "
                            + wanted + (op.maxValues() == 1 ? " value" : " values") + ", not " + values.size() + ".");
        }
    }

    public static Filter of(String column, FilterOp op, String... values) {
        return new Filter(column, op, List.of(values), false);
    }
}
