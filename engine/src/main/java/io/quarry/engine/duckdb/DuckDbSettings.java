package io.quarry.engine.duckdb;

/**
 * Settings of the embedded engine.
 *
 * @param memoryLimit DuckDB's memory limit, e.g. {@code 400MB}
 * @param threads DuckDB's worker threads; 0 means one per core
 */
public record DuckDbSettings(String memoryLimit, int threads) {

    public DuckDbSettings {
        if (!memoryLimit.matches("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|KiB|MiB|GiB)")) {
            throw new IllegalArgumentException("memoryLimit must look like 400MB, not " + memoryLimit);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 or more, not " + threads);
        }
    }

    public static DuckDbSettings defaults() {
        return new DuckDbSettings("400MB", 0);
    }
}
