package io.quarry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.auth.ServerTestSupport;
import org.junit.jupiter.api.Test;

/** Prometheus sees Quarry's own meters: errors by code and the engine's caches. */
class MetricsIT extends ServerTestSupport {

    @Test
    void countsErrorsByCodeAndPublishesTheEngineCaches() {
        admin().get("/api/no-such-route");

        String metrics = admin().get("/actuator/prometheus").body();

        assertThat(metrics)
                .containsPattern("quarry_errors_total\\{code=\"ROUTE_NOT_FOUND\"[^}]*} [1-9]")
                .contains("quarry_engine_cache_hits_total{cache=\"orders\"")
                .contains("quarry_engine_cache_size_bytes{cache=\"pages\"");
    }
}
