package io.quarry.server.system;

import io.quarry.engine.duckdb.DuckDbSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded DuckDB engine.
 *
 * @param memoryLimit DuckDB's memory limit, e.g. {@code 400MB} or {@code 2GB}
 * @param threads DuckDB's worker threads; 0 means one per core
 */
@ConfigurationProperties("quarry.engine")
public record EngineProperties(
        @DefaultValue(EngineProperties.DEFAULT_MEMORY_LIMIT) String memoryLimit,
        @DefaultValue(EngineProperties.DEFAULT_THREADS) int threads) {

    public static final String DEFAULT_MEMORY_LIMIT = "400MB";
    public static final String DEFAULT_THREADS = "0";

    public DuckDbSettings toSettings() {
        return new DuckDbSettings(memoryLimit, threads);
    }
}
