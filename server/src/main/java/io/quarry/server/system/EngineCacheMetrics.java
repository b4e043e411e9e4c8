package io.quarry.server.system;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quarry.engine.CacheStatistics;
import io.quarry.engine.Engine;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/** Publishes the engine's cache counters as {@code quarry.engine.cache.*} meters, tagged by cache name. */
@Component
class EngineCacheMetrics implements MeterBinder {

    private final Engine engine;

    EngineCacheMetrics(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CacheStatistics cache : engine.cacheStatistics()) {
            String name = cache.name();
            counter(registry, "quarry.engine.cache.hits", name, CacheStatistics::hits);
            counter(registry, "quarry.engine.cache.misses", name, CacheStatistics::misses);
            counter(registry, "quarry.engine.cache.evictions", name, CacheStatistics::evictions);
            Gauge.builder("quarry.engine.cache.size", engine, e -> value(e, name, CacheStatistics::weightBytes))
                    .tag("cache", name)
                    .baseUnit("bytes")
                    .register(registry);
        }
    }

    private void counter(
            MeterRegistry registry, String meter, String cache, ToDoubleFunction<CacheStatistics> statistic) {
        FunctionCounter.builder(meter, engine, e -> value(e, cache, statistic))
                .tag("cache", cache)
                .register(registry);
    }

    private static double value(Engine engine, String cache, ToDoubleFunction<CacheStatistics> statistic) {
        return engine.cacheStatistics().stream()
                .filter(s -> s.name().equals(cache))
                .mapToDouble(statistic)
                .findFirst()
                .orElse(0);
    }
}
