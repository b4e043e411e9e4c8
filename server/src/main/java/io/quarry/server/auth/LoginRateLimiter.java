package io.quarry.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarry.server.ServerError;
import io.quarry.server.web.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Counts failed logins per username and per client address in a sliding window, in memory: after
 * {@code maxFailures} within {@code window}, further attempts are refused until the oldest failure leaves the window.
 * Per server process; several servers behind a load balancer each count their own.
 */
public final class LoginRateLimiter {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Deque<Instant>> failures;

    LoginRateLimiter(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .expireAfterAccess(window)
                .maximumSize(100_000)
                .build();
    }

    /** Throws {@link RateLimitedException} when the username or the address has used up its failures. */
    void checkAllowed(String username, String address) {
        Instant now = clock.instant();
        Optional<Duration> wait = waitFor(userKey(username), now).or(() -> waitFor(addressKey(address), now));
        if (wait.isPresent()) {
            RateLimitedException error = new RateLimitedException(
                    ServerError.TOO_MANY_LOGIN_ATTEMPTS,
                    "Too many failed logins for this account or from this address. Try again in " + seconds(wait.get())
                            + " s.",
                    wait.get());
            throw error;
        }
    }

    void recordFailure(String username, String address) {
        Instant now = clock.instant();
        record(userKey(username), now);
        record(addressKey(address), now);
    }

    /** A successful login clears the failures of its username (not those of its address). */
    void recordSuccess(String username) {
        failures.invalidate(userKey(username));
    }

    /** Forgets every failure (tests, and an admin's escape hatch in the future). */
    public void clear() {
        failures.invalidateAll();
    }

    private Optional<Duration> waitFor(String key, Instant now) {
        Deque<Instant> times = failures.getIfPresent(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < maxFailures) {
                return Optional.empty();
            }
            // blocked until enough of the oldest failures have left the window
            Instant oldestThatCounts =
                    times.stream().skip(times.size() - maxFailures).findFirst().orElseThrow();
            return Optional.of(Duration.between(now, oldestThatCounts.plus(window)));
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.get(key, ignored -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant start = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
    }

    private static String userKey(String username) {
        return "user:" + Accounts.normalizeUsername(username);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static long seconds(Duration duration) {
        return Math.max(1, duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0));
    }
}
