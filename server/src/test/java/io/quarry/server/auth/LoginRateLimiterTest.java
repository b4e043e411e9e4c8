package io.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarry.server.web.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginRateLimiter limiter = new LoginRateLimiter(10, Duration.ofMinutes(5), clock);

    private void fail(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            limiter.recordFailure(username, address);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void nineFailuresStillAllowATry() {
        fail("ann", "10.0.0.1", 9);

        assertThatCode(() -> limiter.checkAllowed("ann", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void theTenthFailureBlocksTheUsernameFromAnyAddressUntilTheOldestLeavesTheWindow() {
        fail("ann", "10.0.0.1", 10);

        assertThatThrownBy(() -> limiter.checkAllowed("ANN", "10.0.0.2"))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.retryAfter())
                                .isEqualTo(Duration.ofSeconds(290)));
        clock.advance(Duration.ofSeconds(290));
        assertThatCode(() -> limiter.checkAllowed("ann", "10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void theTenthFailureFromAnAddressBlocksEveryUsernameFromIt() {
        for (int i = 0; i < 10; i++) {
            limiter.recordFailure("user" + i, "10.0.0.9");
        }

        assertThatThrownBy(() -> limiter.checkAllowed("someone-else", "10.0.0.9"))
                .isInstanceOf(RateLimitedException.class);
        assertThatCode(() -> limiter.checkAllowed("someone-else", "10.0.0.10")).doesNotThrowAnyException();
    }

    @Test
    void aSuccessfulLoginClearsTheUsernamesFailures() {
        fail("ann", "10.0.0.1", 5);
        limiter.recordSuccess("ann");
        fail("ann", "10.0.0.2", 9);

        assertThatCode(() -> limiter.checkAllowed("ann", "10.0.0.3")).doesNotThrowAnyException();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        fail("ann", "10.0.0.1", 9);
        clock.advance(Duration.ofMinutes(5));
        fail("ann", "10.0.0.1", 1);

        assertThatCode(() -> limiter.checkAllowed("ann", "10.0.0.1")).doesNotThrowAnyException();
    }
}
