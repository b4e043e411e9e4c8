package io.quarry.server.web;

import io.quarry.engine.ErrorCode;
import io.quarry.engine.QuarryException;
import java.time.Duration;

/** A request refused for now: the problem answer carries a {@code Retry-After} header with {@link #retryAfter()}. */
public class RateLimitedException extends QuarryException {

    private final Duration retryAfter;

    public RateLimitedException(ErrorCode code, String detail, Duration retryAfter) {
        super(code, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, at least 1: the value of the Retry-After header. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
