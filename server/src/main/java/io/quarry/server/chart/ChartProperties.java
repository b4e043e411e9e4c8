package io.quarry.server.chart;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of chart queries.
 *
 * @param timeLimit a chart query is stopped after this long ({@code QUERY_TIME_LIMIT}, 422)
 * @param maxRows rows one chart query returns at most; more are cut off and the answer says so
 * @param cacheSize the bytes of answers kept in memory, across datasets (0 turns the cache off)
 */
@ConfigurationProperties("quarry.query")
public record ChartProperties(
        @DefaultValue("30s") Duration timeLimit,
        @DefaultValue("50000") int maxRows,
        @DefaultValue("64MB") DataSize cacheSize) {

    public ChartProperties {
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("quarry.query.time-limit must be positive, not " + timeLimit);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("quarry.query.max-rows must be 1 or more, not " + maxRows);
        }
        if (cacheSize.isNegative()) {
            throw new IllegalArgumentException("quarry.query.cache-size must be 0 or more, not " + cacheSize);
        }
    }
}
