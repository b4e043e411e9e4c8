package io.quarry.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Users and their passwords: the rules (names, password length, at least one admin) on top of {@link UserStore}.
 * Shared by the web API and the command line. Per-request checks of a user's state go through a short-lived cache
 * that every change here clears, so a disabled user is locked out on their next request.
 */
public final class Accounts {

    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_BYTES = 72; // bcrypt reads no further
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    private static final Duration USER_CACHE_TTL = Duration.ofSeconds(5);

    private final UserStore users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final Cache<Long, Optional<User>> activeUsers;
    /** Compared against when the username is unknown, so that a miss takes as long as a wrong password. */
    private final String dummyHash;

    Accounts(UserStore users, PasswordEncoder encoder, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
        this.activeUsers = Caffeine.newBuilder()
                .expireAfterWrite(USER_CACHE_TTL)
                .maximumSize(10_000)
                .build();
        this.dummyHash = encoder.encode("not a password of anyone");
    }

    /** The password encoder for new hashes: bcrypt, behind Spring Security's {@code {id}} prefix so it can change. */
    static PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    static String normalizeUsername(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    User createUser(String username, String password, Role role) {
        String name = normalizeUsername(username);
        checkUsername(name);
        checkPassword(password);
        if (users.findUser(name).isPresent()) {
            throw usernameTaken(name);
        }
        try {
            long id = users.insertUser(name, encoder.encode(password), role, clock.instant());
            return requireUser(id);
        } catch (DuplicateKeyException e) {
            throw usernameTaken(name);
        }
    }

    /** The user whose name and password match, if they are allowed in; the same time is spent either way. */
    Optional<User> authenticate(String username, String password) {
        Optional<User> user = users.findUser(normalizeUsername(username));
        String hash = user.flatMap(found -> users.findPasswordHash(found.id())).orElse(dummyHash);
        boolean matches = encoder.matches(password, hash);
        return user.filter(found -> matches && !found.disabled());
    }

    /** The user behind a session or a token, if they still exist and are not disabled. Cached for a few seconds. */
    Optional<User> findActiveUser(long id) {
        return activeUsers.get(id, key -> users.findUser(key)).filter(user -> !user.disabled());
    }

    List<User> listUsers() {
        return users.listUsers();
    }

    long countUsers() {
        return users.countUsers();
    }

    User requireUser(long id) {
        return users.findUser(id)
                .orElseThrow(() -> new QuarryException(ServerError.USER_NOT_FOUND, "No user has the id " + id + "."));
    }

    User requireUser(String username) {
        String name = normalizeUsername(username);
        return users.findUser(name)
                .orElseThrow(() -> new QuarryException(ServerError.USER_NOT_FOUND, "No user is called " + name + "."));
    }

    /** A user changes their own password: the current one must be right. Other sessions stop working. */
    User changeOwnPassword(long id, String current, String newPassword) {
        User user = requireUser(id);
        String hash = users.findPasswordHash(id).orElseThrow();
        if (!encoder.matches(current, hash)) {
            throw new QuarryException(
                    ServerError.WRONG_CURRENT_PASSWORD, "The current password is wrong; the password was not changed.");
        }
        return setPassword(user.id(), newPassword);
    }

    /** Sets a password without asking for the old one (admins, the command line). Sessions made before stop working. */
    User setPassword(long id, String password) {
        requireUser(id);
        checkPassword(password);
        users.updatePassword(id, encoder.encode(password));
        activeUsers.invalidate(id);
        return requireUser(id);
    }

    User setRole(long id, Role role) {
        User user = requireUser(id);
        if (user.role() == role) {
            return user;
        }
        if (user.admin() && !user.disabled()) {
            requireAnotherAdmin("demoted");
        }
        users.updateRole(id, role);
        activeUsers.invalidate(id);
        return requireUser(id);
    }

    User setDisabled(long id, boolean disabled) {
        User user = requireUser(id);
        if (user.disabled() == disabled) {
            return user;
        }
        if (disabled && user.admin()) {
            requireAnotherAdmin("disabled");
        }
        users.updateDisabled(id, disabled);
        activeUsers.invalidate(id);
        return requireUser(id);
    }

    void deleteUser(long id) {
        User user = requireUser(id);
        if (user.admin() && !user.disabled()) {
            requireAnotherAdmin("deleted");
        }
        try {
            users.deleteUser(id);
        } catch (DataIntegrityViolationException e) {
            throw new QuarryException(
                    ServerError.USER_IN_USE,
                    "The user " + user.username() + " still owns data, so they cannot be deleted;"
                            + " disable them instead, or remove their data first.");
        } finally {
            activeUsers.invalidate(id);
        }
    }

    private void requireAnotherAdmin(String what) {
        if (users.countActiveAdmins() <= 1) {
            throw new QuarryException(
                    ServerError.LAST_ADMIN,
                    "This is the last active admin, so they cannot be " + what + "; make another user an admin first.");
        }
    }

    private static QuarryException usernameTaken(String name) {
        return new QuarryException(
                ServerError.USERNAME_TAKEN, "A user called " + name + " already exists; choose another name.");
    }

    static void checkUsername(String name) {
        if (!USERNAME.matcher(name).matches()) {
            throw new QuarryException(
                    ServerError.INVALID_USERNAME,
                    "A username has 1 to 64 characters (letters, digits and . _ @ -) and starts with a letter or"
                            + " digit; letters are stored in lower case.");
        }
    }

    static void checkPassword(String password) {
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new QuarryException(
                    ServerError.INVALID_PASSWORD, "A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PASSWORD_BYTES) {
            throw new QuarryException(
                    ServerError.INVALID_PASSWORD,
                    "A password can have at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8; this one has " + bytes
                            + ".");
        }
    }
}
