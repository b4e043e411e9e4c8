package io.quarry.server.auth;

import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Personal API tokens: a random secret shown once, stored as its SHA-256, checked on every request that sends it. */
final class Tokens {

    static final String PREFIX = "qt_";
    private static final int SECRET_BYTES = 32;
    private static final int MAX_NAME_LENGTH = 100;
    /** last_used_at is written at most this often per token, so that reads do not turn into writes. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final TokenStore store;
    private final Accounts accounts;
    private final Clock clock;
    private final int maxDays;
    private final SecureRandom random = new SecureRandom();

    Tokens(TokenStore store, Accounts accounts, Clock clock, int maxDays) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
        this.maxDays = maxDays;
    }

    /** A new token and its secret, the only time the secret is seen. */
    record Issued(ApiToken token, String secret) {}

    Issued issue(long userId, String name, @Nullable Integer expiresInDays) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new QuarryException(
                    ServerError.INVALID_REQUEST,
                    "A token needs a name of 1 to " + MAX_NAME_LENGTH + " characters, e.g. the script that uses it.");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > maxDays)) {
            throw new QuarryException(
                    ServerError.INVALID_REQUEST,
                    "expiresInDays must be between 1 and " + maxDays + ", or left out for a token that does not"
                            + " expire.");
        }
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays));
        long id = store.insertToken(userId, trimmed, hash(secret), now, expiresAt);
        return new Issued(new ApiToken(id, userId, trimmed, now, expiresAt, null), secret);
    }

    List<ApiToken> listTokens(long userId) {
        return store.listTokens(userId);
    }

    void revoke(long userId, long id) {
        if (!store.deleteToken(userId, id)) {
            throw new QuarryException(ServerError.TOKEN_NOT_FOUND, "You have no API token with the id " + id + ".");
        }
    }

    /** The active user a secret belongs to, unless the token is unknown, revoked or expired, or the user disabled. */
    Optional<User> authenticate(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<ApiToken> token = store.findByHash(hash(secret));
        Instant now = clock.instant();
        if (token.isEmpty() || token.get().expired(now)) {
            return Optional.empty();
        }
        Optional<User> user = accounts.findActiveUser(token.get().userId());
        Instant lastUsed = token.get().lastUsedAt();
        if (user.isPresent()
                && (lastUsed == null || lastUsed.plus(TOUCH_INTERVAL).isBefore(now))) {
            store.touch(token.get().id(), now);
        }
        return user;
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
