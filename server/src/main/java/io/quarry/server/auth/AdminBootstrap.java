package io.quarry.server.auth;

import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The first start with no user at all creates the admin: named by {@code quarry.admin.username}, with the password
 * of {@code quarry.admin.password} or else a random one that is printed once to the log.
 */
@Component
final class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int RANDOM_LENGTH = 20;

    private final Accounts accounts;
    private final AdminProperties admin;

    AdminBootstrap(Accounts accounts, AdminProperties admin) {
        this.accounts = accounts;
        this.admin = admin;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.countUsers() > 0) {
            return;
        }
        boolean generated = admin.password() == null || admin.password().isEmpty();
        String password = generated ? randomPassword() : admin.password();
        User user;
        try {
            user = accounts.createUser(admin.username(), password, Role.ADMIN);
        } catch (QuarryException e) {
            if (e.code() == ServerError.USERNAME_TAKEN) {
                return; // another server sharing the store was first
            }
            throw e;
        }
        if (generated) {
            log.warn(
                    "Created the admin user '{}' with the password {} (shown only this once). Log in and change it,"
                            + " or set QUARRY_ADMIN_PASSWORD before the first start.",
                    user.username(),
                    password);
        } else {
            log.info("Created the admin user '{}' with the password from quarry.admin.password.", user.username());
        }
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
