package io.quarry.server.dataset;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One row of the {@code datasets} table.
 *
 * @param engineId the engine's id of the published dataset, once ingested
 * @param sourceBytes the size of the uploaded file, counted against the owner's quota
 */
public record DatasetRecord(
        String id,
        long ownerId,
        String name,
        DatasetStatus status,
        @Nullable String engineId,
        @Nullable String failureCode,
        @Nullable String failureDetail,
        long sourceBytes,
        long rowCount,
        long rejectedCount,
        int columnCount,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant readyAt) {

    public DatasetRecord {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        Objects.requireNonNull(status);
        Objects.requireNonNull(createdAt);
    }

    public Optional<String> publishedId() {
        return Optional.ofNullable(engineId);
    }
}
