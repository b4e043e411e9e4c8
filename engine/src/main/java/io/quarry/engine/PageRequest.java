package io.quarry.engine;

import java.util.List;
import java.util.Objects;

/**
 * A page of rows: {@code limit} rows from {@code offset} under the sort keys.
 *
 * @param offset 0-based
 * @param limit 1..{@link #MAX_LIMIT}
 */
public record PageRequest(String datasetId, long offset, int limit, List<SortKey> sort) {

    public static final int MAX_LIMIT = 10_000;

    public PageRequest {
        Objects.requireNonNull(datasetId);
        sort = List.copyOf(sort);
        if (offset < 0) {
            throw new QuarryException(EngineError.INVALID_PAGE, "The offset must be 0 or more, not " + offset + ".");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new QuarryException(
                    EngineError.INVALID_PAGE, "The limit must be between 1 and " + MAX_LIMIT + ", not " + limit + ".");
        }
    }
}
