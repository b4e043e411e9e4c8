package io.quarry.server.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Logins and API tokens.
 *
 * @param loginMaxFailures failed logins allowed per username and per client address within the window; the next
 *     attempt answers 429
 * @param loginFailureWindow how far back failed logins count
 * @param tokenMaxDays the longest lifetime a new API token may ask for
 */
@ConfigurationProperties("quarry.auth")
public record AuthProperties(
        @DefaultValue("10") int loginMaxFailures,
        @DefaultValue("5m") Duration loginFailureWindow,
        @DefaultValue("3650") int tokenMaxDays) {

    public AuthProperties {
        if (loginMaxFailures < 1) {
            throw new IllegalArgumentException("quarry.auth.login-max-failures must be at least 1");
        }
        if (loginFailureWindow.isNegative() || loginFailureWindow.isZero()) {
            throw new IllegalArgumentException("quarry.auth.login-failure-window must be positive");
        }
        if (tokenMaxDays < 1) {
            throw new IllegalArgumentException("quarry.auth.token-max-days must be at least 1");
        }
    }
}
