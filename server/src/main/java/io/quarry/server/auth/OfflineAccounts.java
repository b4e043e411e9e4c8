package io.quarry.server.auth;

import io.quarry.engine.Dataset;
import io.quarry.server.dataset.DatasetStatus;
import io.quarry.server.dataset.DatasetStore;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Accounts opened straight on the metadata store, without a web server: what {@code quarry user add|passwd} and
 * {@code quarry ingest --owner} use.
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

    /** The user of that name; {@code USER_NOT_FOUND} when there is none. */
    public QuarryPrincipal requireUser(String username) {
        return accounts.requireUser(username).principal();
    }

    /**
     * Gives a dataset the command line ingested to a user: it becomes theirs in the web app and the API, ready, as if
     * they had uploaded it (it counts against their quota; there is no stored upload to ingest again).
     *
     * @return the id the API knows the dataset by
     */
    public String giveDataset(QuarryPrincipal owner, Dataset dataset) {
        DatasetStore datasets = new DatasetStore(JdbcClient.create(dataSource));
        String id = datasets.newId();
        datasets.insert(id, owner.id(), dataset.name(), DatasetStatus.INGESTING, dataset.sourceBytes());
        datasets.markReady(
                id,
                dataset.id(),
                dataset.rowCount(),
                dataset.rejectedCount(),
                dataset.columns().size());
        return id;
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

    /** Opens the store as {@link #open} does, with the database named by the server's environment variables. */
    public static OfflineAccounts openFromEnvironment(Path dataDir) {
        return open(
                dataDir,
                System.getenv("SPRING_DATASOURCE_URL"),
                System.getenv("SPRING_DATASOURCE_USERNAME"),
                System.getenv("SPRING_DATASOURCE_PASSWORD"));
    }

    /** Checks a password against the same rules as the server, before anything is opened. */
    public static void checkPassword(String password) {
        Accounts.checkPassword(password);
    }
}
