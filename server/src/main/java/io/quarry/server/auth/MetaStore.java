package io.quarry.server.auth;

import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The metadata store: users, tokens and (from V2 on) datasets, in an embedded H2 file under the data directory
 * unless {@code spring.datasource.url} names another database. Schema by Flyway from {@code db/migration}.
 */
public final class MetaStore {

    private MetaStore() {}

    /** The JDBC URL of the embedded store of a data directory: {@code jdbc:h2:file:<data-dir>/meta/quarry}. */
    public static String defaultUrl(Path dataDir) {
        // H2 refuses paths that are implicitly relative, so the path is made absolute first; WRITE_DELAY=0 writes
        // each commit at once, else a process killed within H2's default second loses what it had just committed
        return "jdbc:h2:file:"
                + dataDir.toAbsolutePath().normalize().resolve("meta").resolve("quarry")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /**
     * Opens the store without a web server (for the command line) and brings its schema up to date. An explicit
     * URL (env {@code SPRING_DATASOURCE_URL}) wins over the data directory, as it does for {@code quarry serve}.
     */
    static SingleConnectionDataSource openMigrated(
            Path dataDir, @Nullable String url, @Nullable String username, @Nullable String password) {
        // one connection for the whole command: opening an embedded H2 file per statement is slow
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                url == null || url.isBlank() ? defaultUrl(dataDir) : url,
                username == null ? "" : username,
                password == null ? "" : password,
                true);
        try {
            Flyway.configure().dataSource(dataSource).load().migrate();
        } catch (RuntimeException e) {
            dataSource.destroy();
            if (isLocked(e)) {
                throw new QuarryException(
                        ServerError.METADATA_STORE_IN_USE,
                        "The metadata store is in use by another process, probably a running `quarry serve`."
                                + " Stop it first, or manage users through the web API.",
                        e);
            }
            throw e;
        }
        return dataSource;
    }

    private static boolean isLocked(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (message.contains("already in use") || message.contains("90020"))) {
                return true;
            }
        }
        return false;
    }
}
