package io.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import java.nio.file.Path;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The account rules on a real H2 file store in a temp directory, with the real migrations. */
class AccountsTest {

    private SingleConnectionDataSource dataSource;
    private Accounts accounts;

    @BeforeEach
    void openStore(@TempDir Path dataDir) {
        dataSource = new SingleConnectionDataSource(MetaStore.defaultUrl(dataDir), true);
        Flyway.configure().dataSource(dataSource).load().migrate();
        accounts = new Accounts(new UserStore(dataSource), Accounts.passwordEncoder(), Clock.systemUTC());
    }

    @AfterEach
    void closeStore() {
        dataSource.destroy();
    }

    private static void assertCode(Runnable action, ServerError code, String detail) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(QuarryException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(detail);
        });
    }

    @Test
    void usernamesAreTrimmedAndLowerCasedAndPasswordsHashedWithBcrypt() {
        User user = accounts.createUser("  Ann.Lee ", "ann-password", Role.USER);

        assertThat(user.username()).isEqualTo("ann.lee");
        assertThat(accounts.authenticate("ANN.LEE", "ann-password")).contains(user);
        assertThat(accounts.authenticate("ann.lee", "wrong-password")).isEmpty();
        assertThat(accounts.authenticate("nobody", "ann-password")).isEmpty();
    }

    @Test
    void aDisabledUserCannotLogInAndIsNotActive() {
        User admin = accounts.createUser("root", "root-password", Role.ADMIN);
        User user = accounts.createUser("bob", "bob-password", Role.USER);

        accounts.setDisabled(user.id(), true);

        assertThat(accounts.authenticate("bob", "bob-password")).isEmpty();
        assertThat(accounts.findActiveUser(user.id())).isEmpty();
        assertThat(accounts.findActiveUser(admin.id())).isPresent();
    }

    @Test
    void aPasswordChangeBumpsTheCredentialsVersion() {
        User user = accounts.createUser("cy", "cy-password", Role.USER);

        User changed = accounts.changeOwnPassword(user.id(), "cy-password", "cy-new-password");

        assertThat(changed.credentialsVersion()).isEqualTo(user.credentialsVersion() + 1);
        assertCode(
                () -> accounts.changeOwnPassword(user.id(), "cy-password", "whatever-new"),
                ServerError.WRONG_CURRENT_PASSWORD,
                "The current password is wrong; the password was not changed.");
    }

    @Test
    void theRulesOnNamesAndPasswords() {
        assertCode(
                () -> accounts.createUser("has space", "long-enough", Role.USER),
                ServerError.INVALID_USERNAME,
                "A username has 1 to 64 characters (letters, digits and . _ @ -) and starts with a letter or digit;"
                        + " letters are stored in lower case.");
        assertCode(
                () -> accounts.createUser("dan", "short", Role.USER),
                ServerError.INVALID_PASSWORD,
                "A password needs at least 8 characters.");
        assertCode(
                () -> accounts.createUser("dan", "é".repeat(37), Role.USER),
                ServerError.INVALID_PASSWORD,
                "A password can have at most 72 bytes in UTF-8; this one has 74.");
    }

    @Test
    void theLastActiveAdminStays() {
        User admin = accounts.createUser("root", "root-password", Role.ADMIN);

        assertCode(
                () -> accounts.deleteUser(admin.id()),
                ServerError.LAST_ADMIN,
                "This is the last active admin, so they cannot be deleted; make another user an admin first.");
        User second = accounts.createUser("second", "second-password", Role.ADMIN);
        accounts.setRole(admin.id(), Role.USER);
        assertThat(accounts.requireUser(admin.id()).admin()).isFalse();
        assertCode(
                () -> accounts.setDisabled(second.id(), true),
                ServerError.LAST_ADMIN,
                "This is the last active admin, so they cannot be disabled; make another user an admin first.");
    }
}
