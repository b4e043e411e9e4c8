package io.quarry.server.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A user as stored (without the password hash).
 *
 * @param credentialsVersion bumped on every password change; sessions remember the version they were made with
 */
record User(long id, String username, Role role, boolean disabled, int credentialsVersion, Instant createdAt) {

    User {
        Objects.requireNonNull(username);
        Objects.requireNonNull(role);
        Objects.requireNonNull(createdAt);
    }

    boolean admin() {
        return role == Role.ADMIN;
    }

    QuarryPrincipal principal() {
        return new QuarryPrincipal(id, username, admin());
    }
}
