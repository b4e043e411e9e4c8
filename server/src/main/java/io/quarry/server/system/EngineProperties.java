package io.quarry.server.system;

import io.quarry.engine.duckdb.DuckDbSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the embedded DuckDB engine.
 *
 * @param memoryLimit DuckDB's memory limit, e.g. {@code 400MB} or {@code 2GB}
 * @param threads DuckDB's worker threads; 0 means one per core
 * @param cacheSize the byte budget of the page and sort-order caches together
 * @param orderWait how long a filtered, unsorted page waits for its exact count before it is answered with a lower
 *     bound
 * @param queryMemoryLimit the memory one query's sorts and hash tables may hold before they spill to disk
 * @param tempLimit the disk space spilled query data may take, all queries together; a query that needs more is
 *     stopped ({@code QUERY_MEMORY_LIMIT}, 422)
 */
@ConfigurationProperties("quarry.engine")
public record EngineProperties(
        @DefaultValue(EngineProperties.DEFAULT_MEMORY_LIMIT) String memoryLimit,
        @DefaultValue(EngineProperties.DEFAULT_THREADS) int threads,
        @DefaultValue("256MB") DataSize cacheSize,
        @DefaultValue("1s") Duration orderWait,

        @DefaultValue(DuckDbSettings.DEFAULT_QUERY_MEMORY_LIMIT)
        String queryMemoryLimit,

        @DefaultValue(DuckDbSettings.DEFAULT_TEMP_LIMIT) String tempLimit) {

    public static final String DEFAULT_MEMORY_LIMIT = "400MB";
    public static final String DEFAULT_THREADS = "0";

    public DuckDbSettings toSettings() {
        return new DuckDbSettings(
                memoryLimit, threads, cacheSize.toBytes(), orderWait.toMillis(), queryMemoryLimit, tempLimit);
    }
}
