package io.quarry.server.auth;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin user created on the first start, when the metadata store has no user at all.
 *
 * @param username its name (env {@code QUARRY_ADMIN_USERNAME})
 * @param password its password (env {@code QUARRY_ADMIN_PASSWORD}); when absent a random one is printed once to the log
 */
@ConfigurationProperties("quarry.admin")
public record AdminProperties(
        @DefaultValue("admin") String username, @Nullable String password) {}
