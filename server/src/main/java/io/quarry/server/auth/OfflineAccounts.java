package io.quarry.server.auth;

import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Accounts opened straight on the metadata store, without a web server: what {@code quarry user add|passwd} use.
 * The same rules as the web API (names, password length), the same bcrypt hashes.
 */
public final class OfflineAccounts implements AutoCloseable {

    private final Accounts accounts;
    private final SingleConnectionDataSource dataSource;

    private OfflineAccounts(Accounts accounts, SingleConnectionDataSource dataSource) {
        this.accounts = accounts;
        this.dataSource = dataSource;
    }

    /**
     * Opens the store of a data directory, or the database of {@code url} when one is given (as
     * {@code SPRING_DATASOURCE_URL} does for the server), and brings its schema up to date.
     */
    public static OfflineAccounts open(
            Path dataDir, @Nullable String url, @Nullable String username, @Nullable String password) {
        SingleConnectionDataSource dataSource = MetaStore.openMigrated(dataDir, url, username, password);
        UserStore users = new UserStore(dataSource);
        return new OfflineAccounts(new Accounts(users, Accounts.passwordEncoder(), Clock.systemUTC()), dataSource);
    }

    public QuarryPrincipal addUser(String username, String password, boolean admin) {
        return accounts.createUser(username, password, admin ? Role.ADMIN : Role.USER)
                .principal();
    }

    /** Sets a user's password; their sessions stop working. */
    public QuarryPrincipal changePassword(String username, String password) {
        User user = accounts.requireUser(username);
        return accounts.setPassword(user.id(), password).principal();
    }

    @Override
    public void close() {
        dataSource.destroy();
    }

    /** Checks a password against the same rules as the server, before anything is opened. */
    public static void checkPassword(String password) {
        Accounts.checkPassword(password);
    }
}
