package io.quarry.engine.duckdb;

import io.quarry.engine.ColumnProfile;
import io.quarry.engine.ColumnProfile.Bin;
import io.quarry.engine.ColumnProfile.TopValue;
import io.quarry.engine.ColumnType;
import io.quarry.engine.DatasetProfile;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dataset's profile on disk ({@code profile.json} beside {@code dataset.json}): values as text, read back by the
 * column's type, so the file does not depend on the API records.
 */
final class ProfileFile {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileFile.class);
    private static final String NAME = "profile.json";
    private static final int FORMAT = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProfileFile() {}

    record Stored(int format, String datasetId, long rowCount, List<StoredColumn> columns) {}

    record StoredColumn(
            String name,
            String type,
            long nullCount,
            long distinctCount,
            boolean distinctApproximate,
            @Nullable String min,
            @Nullable String max,
            @Nullable Double mean,
            @Nullable Double stddev,
            List<StoredTop> topValues,
            List<StoredBin> histogram) {}

    record StoredTop(String value, long count) {}

    record StoredBin(String lo, String hi, long count) {}

    /** Writes the profile into {@code dir} so that a reader never sees half a file. */
    static void write(Path dir, DatasetProfile profile) {
        Path target = dir.resolve(NAME);
        Path partial = dir.resolve(NAME + ".partial");
        try {
            Files.write(partial, JSON.writeValueAsBytes(toStored(profile)));
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The dataset's profile could not be saved.", e);
        }
    }

    /** The profile stored in {@code dir}; empty when there is none or it cannot be read (it is then computed again). */
    static Optional<DatasetProfile> read(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Stored stored = JSON.readValue(file.toFile(), Stored.class);
            if (stored.format() != FORMAT) {
                return Optional.empty();
            }
            return Optional.of(fromStored(stored));
        } catch (JacksonException | IllegalArgumentException | java.time.DateTimeException e) {
            LOG.warn("Ignoring {}: it cannot be read ({})", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static Stored toStored(DatasetProfile profile) {
        return new Stored(
                FORMAT,
                profile.datasetId(),
                profile.rowCount(),
                profile.columns().stream().map(ProfileFile::toStored).toList());
    }

    private static StoredColumn toStored(ColumnProfile c) {
        return new StoredColumn(
                c.name(),
                c.type().toString(),
                c.nullCount(),
                c.distinctCount(),
                c.distinctApproximate(),
                c.min().map(Object::toString).orElse(null),
                c.max().map(Object::toString).orElse(null),
                c.mean().orElse(null),
                c.stddev().orElse(null),
                c.topValues().stream()
                        .map(t -> new StoredTop(t.value(), t.count()))
                        .toList(),
                c.histogram().stream()
                        .map(b -> new StoredBin(b.lo().toString(), b.hi().toString(), b.count()))
                        .toList());
    }

    private static DatasetProfile fromStored(Stored stored) {
        return new DatasetProfile(
                stored.datasetId(),
                stored.rowCount(),
                stored.columns().stream().map(ProfileFile::fromStored).toList());
    }

    private static ColumnProfile fromStored(StoredColumn c) {
        ColumnType type = ColumnType.parse(c.type());
        return new ColumnProfile(
                c.name(),
                type,
                c.nullCount(),
                c.distinctCount(),
                c.distinctApproximate(),
                Optional.ofNullable(c.min()).map(text -> value(text, type)),
                Optional.ofNullable(c.max()).map(text -> value(text, type)),
                Optional.ofNullable(c.mean()),
                Optional.ofNullable(c.stddev()),
                c.topValues().stream()
                        .map(t -> new TopValue(t.value(), t.count()))
                        .toList(),
                c.histogram().stream()
                        .map(b -> new Bin(edge(b.lo(), type), edge(b.hi(), type), b.count()))
                        .toList());
    }

    private static Object value(String text, ColumnType type) {
        return switch (type.type()) {
            case BIGINT -> Long.parseLong(text);
            case DECIMAL -> new BigDecimal(text);
            case DOUBLE -> Double.parseDouble(text);
            case BOOLEAN -> Boolean.parseBoolean(text);
            case DATE -> LocalDate.parse(text);
            case TIMESTAMP -> LocalDateTime.parse(text);
            case VARCHAR -> text;
        };
    }

    private static Object edge(String text, ColumnType type) {
        return type.isTemporal() ? LocalDateTime.parse(text) : Double.parseDouble(text);
    }
}
