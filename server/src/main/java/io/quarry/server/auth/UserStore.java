package io.quarry.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The {@code users} table. Plain JDBC so that the command line can use it without a Spring context. */
final class UserStore {

    private static final String COLUMNS = "id, username, role, disabled, credentials_version, created_at";

    private final JdbcClient jdbc;

    UserStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    Optional<User> findUser(long id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?")
                .param(id)
                .query(UserStore::user)
                .optional();
    }

    Optional<User> findUser(String username) {
        return jdbc.sql("select " + COLUMNS + " from users where username = ?")
                .param(username)
                .query(UserStore::user)
                .optional();
    }

    Optional<String> findPasswordHash(long id) {
        return jdbc.sql("select password_hash from users where id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    List<User> listUsers() {
        return jdbc.sql("select " + COLUMNS + " from users order by id")
                .query(UserStore::user)
                .list();
    }

    long countUsers() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    long countActiveAdmins() {
        return jdbc.sql("select count(*) from users where role = 'ADMIN' and disabled = false")
                .query(Long.class)
                .single();
    }

    long insertUser(String username, String passwordHash, Role role, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into users (username, password_hash, role, disabled, credentials_version, created_at)"
                        + " values (?, ?, ?, false, 1, ?)")
                .params(username, passwordHash, role.name(), utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void updatePassword(long id, String passwordHash) {
        jdbc.sql("update users set password_hash = ?, credentials_version = credentials_version + 1 where id = ?")
                .params(passwordHash, id)
                .update();
    }

    void updateRole(long id, Role role) {
        jdbc.sql("update users set role = ? where id = ?")
                .params(role.name(), id)
                .update();
    }

    void updateDisabled(long id, boolean disabled) {
        jdbc.sql("update users set disabled = ? where id = ?")
                .params(disabled, id)
                .update();
    }

    boolean deleteUser(long id) {
        return jdbc.sql("delete from users where id = ?").param(id).update() > 0;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static User user(ResultSet row, int index) throws SQLException {
        return new User(
                row.getLong("id"),
                row.getString("username"),
                Role.valueOf(row.getString("role")),
                row.getBoolean("disabled"),
                row.getInt("credentials_version"),
                instant(row, "created_at"));
    }
}
