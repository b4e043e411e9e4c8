package io.quarry.server.dataset;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code datasets} table of the metadata store. */
@Component
public final class DatasetStore {

    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final int ID_LENGTH = 12;
    private static final String COLUMNS = "id, owner_id, name, status, engine_id, failure_code, failure_detail,"
            + " source_bytes, row_count, rejected_count, column_count, created_at, started_at, ready_at";
    private static final String OWNED = "SELECT d.id, d.owner_id, d.name, d.status, d.engine_id, d.failure_code,"
            + " d.failure_detail, d.source_bytes, d.row_count, d.rejected_count, d.column_count, d.created_at,"
            + " d.started_at, d.ready_at, u.username AS owner_name FROM datasets d JOIN users u ON u.id = d.owner_id";

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    public DatasetStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A fresh random id, also used for the upload's directory. */
    public String newId() {
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < ID_LENGTH; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    public DatasetRecord insert(String id, long ownerId, String name, DatasetStatus status, long sourceBytes) {
        Instant now = Instant.now();
        jdbc.sql(
                        "INSERT INTO datasets (id, owner_id, name, status, source_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, ownerId, name, status.wire(), sourceBytes, Timestamp.from(now))
                .update();
        return require(id);
    }

    public Optional<DatasetRecord> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE id = ?")
                .param(id)
                .query(DatasetStore::map)
                .optional();
    }

    DatasetRecord require(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("dataset row " + id + " vanished"));
    }

    /** A dataset with its owner's user name, as the list shows it. */
    record Owned(DatasetRecord record, String owner) {}

    /** The datasets of one owner, newest first. */
    List<Owned> listByOwner(long ownerId) {
        return jdbc.sql(OWNED + " WHERE d.owner_id = ? ORDER BY d.created_at DESC, d.id")
                .param(ownerId)
                .query((rs, row) -> new Owned(map(rs, row), rs.getString("owner_name")))
                .list();
    }

    /** Every user's datasets, newest first: what an admin's list shows. */
    List<Owned> listAll() {
        return jdbc.sql(OWNED + " ORDER BY d.created_at DESC, d.id")
                .query((rs, row) -> new Owned(map(rs, row), rs.getString("owner_name")))
                .list();
    }

    public List<DatasetRecord> listByStatus(Collection<DatasetStatus> statuses) {
        List<String> wire = statuses.stream().map(DatasetStatus::wire).toList();
        return jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE status IN (:statuses) ORDER BY created_at, id")
                .param("statuses", wire)
                .query(DatasetStore::map)
                .list();
    }

    /** The bytes of every dataset the user owns, counted against the quota. */
    public long totalSourceBytes(long ownerId) {
        return jdbc.sql("SELECT COALESCE(SUM(source_bytes), 0) FROM datasets WHERE owner_id = ?")
                .param(ownerId)
                .query(Long.class)
                .single();
    }

    public void markQueued(String id, long sourceBytes) {
        jdbc.sql("UPDATE datasets SET status = ?, source_bytes = ? WHERE id = ?")
                .params(DatasetStatus.QUEUED.wire(), sourceBytes, id)
                .update();
    }

    public void markIngesting(String id) {
        jdbc.sql("UPDATE datasets SET status = ?, started_at = ? WHERE id = ?")
                .params(DatasetStatus.INGESTING.wire(), Timestamp.from(Instant.now()), id)
                .update();
    }

    public void markReady(String id, String engineId, long rows, long rejected, int columns) {
        jdbc.sql("UPDATE datasets SET status = ?, engine_id = ?, row_count = ?, rejected_count = ?, column_count = ?,"
                        + " failure_code = NULL, failure_detail = NULL, ready_at = ? WHERE id = ?")
                .params(
                        DatasetStatus.READY.wire(),
                        engineId,
                        rows,
                        rejected,
                        columns,
                        Timestamp.from(Instant.now()),
                        id)
                .update();
    }

    public void markFailed(String id, String code, String detail) {
        String shortDetail = detail.length() > 2000 ? detail.substring(0, 1997) + "..." : detail;
        jdbc.sql("UPDATE datasets SET status = ?, failure_code = ?, failure_detail = ? WHERE id = ?")
                .params(DatasetStatus.FAILED.wire(), code, shortDetail, id)
                .update();
    }

    void rename(String id, String name) {
        jdbc.sql("UPDATE datasets SET name = ? WHERE id = ?").params(name, id).update();
    }

    public void delete(String id) {
        jdbc.sql("DELETE FROM datasets WHERE id = ?").param(id).update();
    }

    private static DatasetRecord map(ResultSet rs, int row) throws SQLException {
        return new DatasetRecord(
                rs.getString("id"),
                rs.getLong("owner_id"),
                rs.getString("name"),
                DatasetStatus.fromWire(rs.getString("status")),
                rs.getString("engine_id"),
                rs.getString("failure_code"),
                rs.getString("failure_detail"),
                rs.getLong("source_bytes"),
                rs.getLong("row_count"),
                rs.getLong("rejected_count"),
                rs.getInt("column_count"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ready_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
