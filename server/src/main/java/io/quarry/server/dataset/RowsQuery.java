package io.quarry.server.dataset;

import io.quarry.engine.EngineError;
import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import io.quarry.engine.QuarryException;
import io.quarry.engine.SortKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The sort, filters and search of a rows request, parsed from its query parameters.
 *
 * @param sort from {@code sort=col,-col2}: a leading {@code -} sorts descending
 * @param filters from {@code filter=[{"column":"price","op":"gt","value":5}]}
 */
record RowsQuery(List<SortKey> sort, List<Filter> filters, String search) {

    /** True without sort, filter or search. */
    boolean isPlain() {
        return sort.isEmpty() && filters.isEmpty() && search.isBlank();
    }

    RowsQuery {
        sort = List.copyOf(sort);
        filters = List.copyOf(filters);
    }

    /** One filter as it comes in JSON; {@code value} is short for a one-element {@code values}. */
    record FilterJson(
            @Nullable String column,
            @Nullable String op,
            @Nullable Object value,
            @Nullable List<@Nullable Object> values,
            @Nullable Boolean caseSensitive) {}

    static RowsQuery parse(@Nullable String sort, @Nullable String filter, @Nullable String search, ObjectMapper json) {
        return new RowsQuery(parseSort(sort), parseFilters(filter, json), search == null ? "" : search);
    }

    static List<SortKey> parseSort(@Nullable String sort) {
        if (sort == null || sort.isBlank()) {
            return List.of();
        }
        List<SortKey> keys = new ArrayList<>();
        for (String part : sort.split(",", -1)) {
            String key = part.strip();
            if (key.isEmpty()) {
                continue;
            }
            if (key.startsWith("-") && key.length() > 1) {
                keys.add(new SortKey(key.substring(1), true));
            } else {
                keys.add(SortKey.parse(key));
            }
        }
        return keys;
    }

    static List<Filter> parseFilters(@Nullable String filter, ObjectMapper json) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        FilterJson[] parsed;
        try {
            parsed = json.readValue(filter, FilterJson[].class);
        } catch (JacksonException e) {
            throw invalid("The filter parameter must be a JSON list of {column, op, value} objects.");
        }
        List<Filter> filters = new ArrayList<>();
        for (FilterJson item : parsed) {
            if (item == null || item.column() == null || item.op() == null) {
                throw invalid("Every filter needs a column and an op.");
            }
            filters.add(
                    new Filter(item.column(), op(item.op()), values(item), Boolean.TRUE.equals(item.caseSensitive())));
        }
        return filters;
    }

    private static FilterOp op(String op) {
        try {
            return FilterOp.valueOf(op.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("Unknown filter op \"" + op + "\"; use one of "
                    + Arrays.stream(FilterOp.values())
                            .map(o -> o.name().toLowerCase(Locale.ROOT))
                            .toList()
                    + ".");
        }
    }

    private static List<String> values(FilterJson item) {
        List<String> values = new ArrayList<>();
        if (item.value() != null) {
            values.add(text(item.value()));
        }
        if (item.values() != null) {
            for (Object value : item.values()) {
                if (value == null) {
                    throw invalid("The filter on \"" + item.column() + "\" has a null value; use the is_null op.");
                }
                values.add(text(value));
            }
        }
        return values;
    }

    private static String text(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw invalid("Filter values must be strings, numbers or booleans.");
    }

    private static QuarryException invalid(String detail) {
        return new QuarryException(EngineError.INVALID_FILTER, detail);
    }
}
