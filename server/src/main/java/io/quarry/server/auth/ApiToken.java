package io.quarry.server.auth;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A personal API token as stored: everything but its secret, of which only a hash is kept. */
record ApiToken(
        long id,
        long userId,
        String name,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt) {

    ApiToken {
        Objects.requireNonNull(name);
        Objects.requireNonNull(createdAt);
    }

    boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
