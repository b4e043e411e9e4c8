package io.quarry.server.cli;

import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a filter given on the command line as {@code COLUMN:OP[:VALUE]}, e.g. {@code price:gt:10},
 * {@code price:between:1,5}, {@code city:in:Oslo,Bergen}, {@code note:contains:late}, {@code price:is-null}. Values of
 * BETWEEN, IN and NOT_IN are separated by commas.
 */
final class FilterArgument {

    private FilterArgument() {}

    static Filter parse(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length < 2 || parts[0].isBlank()) {
            throw new IllegalArgumentException(
                    "A filter looks like COLUMN:OP:VALUE, e.g. price:gt:10 or city:eq:Oslo; not \"" + text + "\".");
        }
        FilterOp op = op(parts[1]);
        List<String> values;
        if (parts.length < 3) {
            values = List.of();
        } else if (op == FilterOp.BETWEEN || op == FilterOp.IN || op == FilterOp.NOT_IN) {
            values = Arrays.asList(parts[2].split(",", -1));
        } else {
            values = List.of(parts[2]);
        }
        return new Filter(parts[0], op, values, false);
    }

    private static FilterOp op(String name) {
        String normalized = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return FilterOp.valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown filter operator \"" + name + "\"; use one of "
                    + Arrays.stream(FilterOp.values())
                            .map(op -> op.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .toList()
                    + ".");
        }
    }
}
