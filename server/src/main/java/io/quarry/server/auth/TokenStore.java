package io.quarry.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The {@code api_tokens} table. */
final class TokenStore {

    private static final String COLUMNS = "id, user_id, name, created_at, expires_at, last_used_at";

    private final JdbcClient jdbc;

    TokenStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    long insertToken(long userId, String name, String hash, Instant now, @Nullable Instant expiresAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into api_tokens (user_id, name, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(userId, name, hash, UserStore.utc(now), expiresAt == null ? null : UserStore.utc(expiresAt))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<ApiToken> findByHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where token_hash = ?")
                .param(hash)
                .query(TokenStore::token)
                .optional();
    }

    List<ApiToken> listTokens(long userId) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where user_id = ? order by id")
                .param(userId)
                .query(TokenStore::token)
                .list();
    }

    boolean deleteToken(long userId, long id) {
        return jdbc.sql("delete from api_tokens where id = ? and user_id = ?")
                        .params(id, userId)
                        .update()
                > 0;
    }

    void touch(long id, Instant now) {
        jdbc.sql("update api_tokens set last_used_at = ? where id = ?")
                .params(UserStore.utc(now), id)
                .update();
    }

    private static ApiToken token(ResultSet row, int index) throws SQLException {
        return new ApiToken(
                row.getLong("id"),
                row.getLong("user_id"),
                row.getString("name"),
                UserStore.instant(row, "created_at"),
                nullableInstant(row, "expires_at"),
                nullableInstant(row, "last_used_at"));
    }

    private static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
