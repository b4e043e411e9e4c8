package io.quarry.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After the engine locks DuckDB down, nothing outside the data directory can be touched by any SQL. */
class DuckDbLockdownTest {

    @TempDir
    Path work;

    private Path dataDir;
    private Path outside;

    @BeforeEach
    void files() throws Exception {
        dataDir = Files.createDirectories(work.resolve("data"));
        Files.writeString(dataDir.resolve("inside.csv"), "a\n1\n");
        outside = Files.writeString(work.resolve("secret.csv"), "password\nhunter2\n");
    }

    @Test
    void readsAndAttachesInsideTheDataDirectory() throws Exception {
        try (Connection connection = lockedDown();
                Statement statement = connection.createStatement()) {
            try (ResultSet rows =
                    statement.executeQuery("SELECT count(*) FROM read_csv('" + dataDir.resolve("inside.csv") + "')")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
            statement.execute("ATTACH '" + dataDir.resolve("d.duckdb") + "' AS d");
            statement.execute("CREATE TABLE d.t AS SELECT 1 AS x");
        }
    }

    @Test
    void refusesEveryWayOut() throws Exception {
        try (Connection connection = lockedDown()) {
            for (String sql : new String[] {
                "SELECT * FROM read_csv('" + outside + "')",
                "SELECT * FROM read_text('/etc/passwd')",
                "SELECT * FROM read_blob('" + outside + "')",
                "SELECT * FROM glob('" + work + "/*')",
                "COPY (SELECT 1) TO '" + work.resolve("out.csv") + "'",
                "ATTACH '" + work.resolve("other.duckdb") + "' AS other",
                "INSTALL httpfs",
                "LOAD httpfs",
                "SET enable_external_access = true",
                "SET allowed_directories = ['/']",
                "SET lock_configuration = false"
            }) {
                try (Statement statement = connection.createStatement()) {
                    assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class);
                }
            }
        }
        assertThat(work.resolve("out.csv")).doesNotExist();
        assertThat(work.resolve("other.duckdb")).doesNotExist();
    }

    private Connection lockedDown() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            DuckDbEngine.lockDown(statement, dataDir);
        }
        return connection;
    }
}
