package io.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.QuarryApi;
import io.quarry.server.support.LocalPostgres;
import io.quarry.server.support.QuarryProcess;
import io.quarry.server.support.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL as the metadata store by configuration alone: the same jar, only the {@code SPRING_DATASOURCE_*}
 * environment set, against a real PostgreSQL server. Flyway creates the schema, the command line and the server share
 * it, and everything survives a restart.
 */
class PostgresMetaStoreIT {

    @TempDir
    Path work;

    @Test
    void theServerAndTheCommandLineKeepTheirMetadataInPostgresql() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            Path data = work.resolve("data");
            Map<String, String> environment = Map.of(
                    "SPRING_DATASOURCE_URL",
                    postgres.jdbcUrl(),
                    "SPRING_DATASOURCE_USERNAME",
                    LocalPostgres.USER,
                    "SPRING_DATASOURCE_PASSWORD",
                    "");

            String added = QuarryProcess.run(
                            work,
                            environment,
                            "bob-password-1\n".getBytes(StandardCharsets.UTF_8),
                            "user",
                            "add",
                            "bob",
                            "--admin",
                            "--data-dir",
                            data.toString())
                    .toString();
            assertThat(added).contains("exit 0", "Added admin bob");

            String id;
            try (ServerProcess server = ServerProcess.serve(work, data, environment)) {
                QuarryApi bob = QuarryApi.login(server.base(), "bob", "bob-password-1");
                id = bob.ingest("on postgres", "id,city,price\n1,Oslo,12.50\n2,Rome,7.25\n3,Lima,3.00\n");
                assertThat(bob.awaitFinished(id).get("status").asString()).isEqualTo("ready");
            }
            assertThat(data.resolve("meta")).as("no embedded H2 store was made").doesNotExist();

            try (ServerProcess restarted = ServerProcess.serve(work, data, environment)) {
                QuarryApi bob = QuarryApi.login(restarted.base(), "bob", "bob-password-1");
                JsonNode rows = bob.getJson("/api/datasets/" + id + "/rows?sort=-price");
                assertThat(rows.get("total").asLong()).isEqualTo(3);
                assertThat(rows.get("rows").get(0).get(1).asString()).isEqualTo("Oslo");
            }

            JdbcClient jdbc =
                    JdbcClient.create(new DriverManagerDataSource(postgres.jdbcUrl(), LocalPostgres.USER, ""));
            assertThat(jdbc.sql("SELECT username FROM users ORDER BY username")
                            .query(String.class)
                            .list())
                    .as("bob, added before the first start, is the admin: no other admin was made")
                    .containsExactly("bob");
            assertThat(jdbc.sql("SELECT name FROM datasets WHERE id = ?")
                            .param(id)
                            .query(String.class)
                            .single())
                    .isEqualTo("on postgres");
        }
    }
}
