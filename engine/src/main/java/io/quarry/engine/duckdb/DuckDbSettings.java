package io.quarry.engine.duckdb;

import java.util.regex.Pattern;

/**
 * Settings of the embedded engine.
 *
 * @param memoryLimit DuckDB's memory limit for everything together, e.g. {@code 400MB}
 * @param threads DuckDB's worker threads; 0 means one per core
 * @param cacheBytes the byte budget of the page and sort-order caches together
 * @param orderWaitMillis how long a filtered, unsorted page waits for its count before it is answered directly, with
 *     its total marked as a lower bound
 * @param queryMemoryLimit the memory one query's sorts and hash tables may hold before they spill to disk (DuckDB's
 *     {@code operator_memory_limit}), e.g. {@code 200MB}
 * @param tempLimit the disk space spilled query data may take, all queries together (DuckDB's
 *     {@code max_temp_directory_size}); a query that needs more is stopped
 */
public record DuckDbSettings(
        String memoryLimit,
        int threads,
        long cacheBytes,
        long orderWaitMillis,
        String queryMemoryLimit,
        String tempLimit) {

    public static final long DEFAULT_CACHE_BYTES = 256L << 20;
    public static final long DEFAULT_ORDER_WAIT_MILLIS = 1_000;
    public static final String DEFAULT_QUERY_MEMORY_LIMIT = "200MB";
    public static final String DEFAULT_TEMP_LIMIT = "10GB";

    private static final Pattern SIZE = Pattern.compile("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)");

    public DuckDbSettings {
        checkSize("memoryLimit", memoryLimit);
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 or more, not " + threads);
        }
        if (cacheBytes < (1 << 20)) {
            throw new IllegalArgumentException("cacheBytes must be at least 1 MiB, not " + cacheBytes);
        }
        if (orderWaitMillis < 0) {
            throw new IllegalArgumentException("orderWaitMillis must be 0 or more, not " + orderWaitMillis);
        }
        checkSize("queryMemoryLimit", queryMemoryLimit);
        checkSize("tempLimit", tempLimit);
    }

    public DuckDbSettings(String memoryLimit, int threads) {
        this(
                memoryLimit,
                threads,
                DEFAULT_CACHE_BYTES,
                DEFAULT_ORDER_WAIT_MILLIS,
                DEFAULT_QUERY_MEMORY_LIMIT,
                DEFAULT_TEMP_LIMIT);
    }

    private static void checkSize(String name, String value) {
        if (!SIZE.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must look like 400MB, not " + value);
        }
    }

    public static DuckDbSettings defaults() {
        return new DuckDbSettings("400MB", 0);
    }

    public DuckDbSettings withCacheBytes(long bytes) {
        return new DuckDbSettings(memoryLimit, threads, bytes, orderWaitMillis, queryMemoryLimit, tempLimit);
    }

    public DuckDbSettings withOrderWaitMillis(long millis) {
        return new DuckDbSettings(memoryLimit, threads, cacheBytes, millis, queryMemoryLimit, tempLimit);
    }

    public DuckDbSettings withQueryMemoryLimit(String limit) {
        return new DuckDbSettings(memoryLimit, threads, cacheBytes, orderWaitMillis, limit, tempLimit);
    }

    public DuckDbSettings withTempLimit(String limit) {
        return new DuckDbSettings(memoryLimit, threads, cacheBytes, orderWaitMillis, queryMemoryLimit, limit);
    }
}
