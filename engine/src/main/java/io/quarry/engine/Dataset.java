package io.quarry.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A published dataset: what a reader needs to know about it.
 *
 * @param id the engine-generated id
 * @param name the user's name for it
 * @param version changes whenever the dataset's rows change, so caches keyed by it never serve stale rows
 * @param rowCount rows loaded
 * @param rejectedCount records that went to the reject log; rows + rejected = records in the file
 * @param columns in file order
 * @param dialect how the file was read
 * @param warnings what the user should know about the ingest
 * @param createdAt when the dataset was published
 * @param sourceBytes the size of the file as given (compressed size for a compressed file)
 * @param storedBytes the size of the dataset's files on disk
 */
public record Dataset(
        String id,
        String name,
        String version,
        long rowCount,
        long rejectedCount,
        List<Column> columns,
        Dialect dialect,
        List<String> warnings,
        Instant createdAt,
        long sourceBytes,
        long storedBytes) {

    public Dataset {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(dialect);
        Objects.requireNonNull(createdAt);
    }

    public Dataset withName(String newName) {
        return new Dataset(
                id,
                newName,
                version,
                rowCount,
                rejectedCount,
                columns,
                dialect,
                warnings,
                createdAt,
                sourceBytes,
                storedBytes);
    }
}
