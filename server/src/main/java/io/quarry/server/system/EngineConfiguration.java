package io.quarry.server.system;

import io.quarry.engine.Engine;
import io.quarry.engine.duckdb.DuckDbEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the engine at startup, so a bad data directory fails fast, and closes it on shutdown. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({QuarryProperties.class, EngineProperties.class})
class EngineConfiguration {

    @Bean(destroyMethod = "close")
    Engine engine(QuarryProperties quarry, EngineProperties engine) {
        return DuckDbEngine.open(quarry.dataDir(), engine.toSettings());
    }
}
