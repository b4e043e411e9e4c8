package io.quarry.engine;

import java.util.List;
import java.util.Objects;

/**
 * A page of rows: {@code limit} rows from {@code offset} of the rows that pass every filter and the search, in the
 * order of the sort keys (file order without keys).
 *
 * @param offset 0-based
 * @param limit 1..{@link #MAX_LIMIT}
 * @param search words looked for in every text column, ignoring case; empty for none
 */
public record PageRequest(
        String datasetId, long offset, int limit, List<SortKey> sort, List<Filter> filters, String search) {

    public static final int MAX_LIMIT = 10_000;
    public static final int MAX_SORT_KEYS = 8;
    public static final int MAX_FILTERS = 100;

    public PageRequest {
        Objects.requireNonNull(datasetId);
        Objects.requireNonNull(search);
        sort = List.copyOf(sort);
        filters = List.copyOf(filters);
        if (offset < 0) {
            throw new QuarryException(EngineError.INVALID_PAGE, "The offset must be 0 or more, not " + offset + ".");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new QuarryException(
                    EngineError.INVALID_PAGE, "The limit must be between 1 and " + MAX_LIMIT + ", not " + limit + ".");
        }
        if (sort.size() > MAX_SORT_KEYS) {
            throw new QuarryException(
                    EngineError.INVALID_PAGE, "A page can be sorted by at most " + MAX_SORT_KEYS + " columns.");
        }
        if (filters.size() > MAX_FILTERS) {
            throw new QuarryException(
                    EngineError.INVALID_FILTER, "A page can have at most " + MAX_FILTERS + " filters.");
        }
    }

    public PageRequest(String datasetId, long offset, int limit, List<SortKey> sort) {
        this(datasetId, offset, limit, sort, List.of(), "");
    }

    /** True when the page is a plain slice of the file: no sort, no filter, no search. */
    public boolean isPlain() {
        return sort.isEmpty() && filters.isEmpty() && search.isBlank();
    }
}
