package io.quarry.server.cli;

import io.quarry.server.auth.OfflineAccounts;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the metadata store is: under {@code --data-dir}, unless {@code SPRING_DATASOURCE_URL} (with
 * {@code SPRING_DATASOURCE_USERNAME} and {@code SPRING_DATASOURCE_PASSWORD}) names another database, as for the server.
 */
final class MetaStoreOptions {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:QUARRY_DATA_DIR:-./quarry-data}",
            description = "The data directory whose metadata store holds the users (env QUARRY_DATA_DIR;"
                    + " default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    OfflineAccounts open() {
        return OfflineAccounts.openFromEnvironment(dataDir);
    }
}
