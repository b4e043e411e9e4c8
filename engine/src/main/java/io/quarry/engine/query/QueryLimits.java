package io.quarry.engine.query;

import java.time.Duration;
import java.util.Objects;

/**
 * What one chart query may cost.
 *
 * @param maxRows rows returned at most; more are cut off and the result is marked capped
 * @param maxFilters filters in all filter steps together
 * @param timeout the query is stopped after this long
 */
public record QueryLimits(int maxRows, int maxFilters, Duration timeout) {

    public static final int DEFAULT_MAX_ROWS = 50_000;
    public static final int DEFAULT_MAX_FILTERS = 1_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public QueryLimits {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be 1 or more, not " + maxRows);
        }
        if (maxFilters < 0) {
            throw new IllegalArgumentException("maxFilters must be 0 or more, not " + maxFilters);
        }
        Objects.requireNonNull(timeout);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
    }

    public static QueryLimits defaults() {
        return new QueryLimits(DEFAULT_MAX_ROWS, DEFAULT_MAX_FILTERS, DEFAULT_TIMEOUT);
    }

    public QueryLimits withMaxRows(int rows) {
        return new QueryLimits(rows, maxFilters, timeout);
    }

    public QueryLimits withTimeout(Duration newTimeout) {
        return new QueryLimits(maxRows, maxFilters, newTimeout);
    }
}
