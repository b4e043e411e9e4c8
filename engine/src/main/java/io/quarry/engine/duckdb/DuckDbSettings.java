package io.quarry.engine.duckdb;

/**
 * Settings of the embedded engine.
 *
 * @param memoryLimit DuckDB's memory limit, e.g. {@code 400MB}
 * @param threads DuckDB's worker threads; 0 means one per core
 * @param cacheBytes the byte budget of the page and sort-order caches together
 * @param orderWaitMillis how long a filtered, unsorted page waits for its count before it is answered directly, with
 *     its total marked as a lower bound
 */
public record DuckDbSettings(String memoryLimit, int threads, long cacheBytes, long orderWaitMillis) {

    public static final long DEFAULT_CACHE_BYTES = 256L << 20;
    public static final long DEFAULT_ORDER_WAIT_MILLIS = 1_000;

    public DuckDbSettings {
        if (!memoryLimit.matches("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|KiB|MiB|GiB)")) {
            throw new IllegalArgumentException("memoryLimit must look like 400MB, not " + memoryLimit);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 or more, not " + threads);
        }
        if (cacheBytes < (1 << 20)) {
            throw new IllegalArgumentException("cacheBytes must be at least 1 MiB, not " + cacheBytes);
        }
        if (orderWaitMillis < 0) {
            throw new IllegalArgumentException("orderWaitMillis must be 0 or more, not " + orderWaitMillis);
        }
    }

    public DuckDbSettings(String memoryLimit, int threads) {
        this(memoryLimit, threads, DEFAULT_CACHE_BYTES, DEFAULT_ORDER_WAIT_MILLIS);
    }

    public static DuckDbSettings defaults() {
        return new DuckDbSettings("400MB", 0);
    }

    public DuckDbSettings withCacheBytes(long bytes) {
        return new DuckDbSettings(memoryLimit, threads, bytes, orderWaitMillis);
    }

    public DuckDbSettings withOrderWaitMillis(long millis) {
        return new DuckDbSettings(memoryLimit, threads, cacheBytes, millis);
    }
}
