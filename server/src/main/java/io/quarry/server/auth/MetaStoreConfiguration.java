package io.quarry.server.auth;

import com.zaxxer.hikari.HikariDataSource;
import io.quarry.server.system.QuarryProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The metadata store's connection pool: Boot's usual {@code spring.datasource.*} settings, with the embedded H2 file
 * under the data directory as the default URL instead of an in-memory database.
 */
@Configuration(proxyBeanMethods = false)
class MetaStoreConfiguration {

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, QuarryProperties quarry) {
        if (!StringUtils.hasText(properties.getUrl())) {
            properties.setUrl(MetaStore.defaultUrl(quarry.dataDir()));
        }
        return properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
    }
}
