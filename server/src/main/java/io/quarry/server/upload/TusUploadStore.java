package io.quarry.server.upload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code uploads} table: resumable uploads. Their offset is the size of their file, so it survives a restart. */
@Component
class TusUploadStore {

    private final JdbcClient jdbc;

    TusUploadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param datasetId the dataset made from the upload once its last byte arrived (the same id as the upload)
     */
    record TusUpload(
            String id,
            long ownerId,
            String name,
            String filename,
            long length,
            @Nullable String datasetId) {}

    void insert(String id, long ownerId, String name, String filename, long length) {
        jdbc.sql(
                        "INSERT INTO uploads (id, owner_id, name, filename, upload_length, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, ownerId, name, filename, length, Timestamp.from(Instant.now()))
                .update();
    }

    Optional<TusUpload> find(String id) {
        return jdbc.sql("SELECT id, owner_id, name, filename, upload_length, dataset_id FROM uploads WHERE id = ?")
                .param(id)
                .query(TusUploadStore::map)
                .optional();
    }

    /** Bytes the user has announced in uploads that have not finished. */
    long pendingBytes(long ownerId) {
        return jdbc.sql("SELECT COALESCE(SUM(upload_length), 0) FROM uploads WHERE owner_id = ? AND dataset_id IS NULL")
                .param(ownerId)
                .query(Long.class)
                .single();
    }

    void complete(String id, String datasetId) {
        jdbc.sql("UPDATE uploads SET dataset_id = ? WHERE id = ?")
                .params(datasetId, id)
                .update();
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM uploads WHERE id = ?").param(id).update();
    }

    private static TusUpload map(ResultSet rs, int row) throws SQLException {
        return new TusUpload(
                rs.getString("id"),
                rs.getLong("owner_id"),
                rs.getString("name"),
                rs.getString("filename"),
                rs.getLong("upload_length"),
                rs.getString("dataset_id"));
    }
}
