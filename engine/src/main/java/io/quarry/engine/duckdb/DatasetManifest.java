package io.quarry.engine.duckdb;

import io.quarry.engine.Column;
import io.quarry.engine.ColumnType;
import io.quarry.engine.Dataset;
import io.quarry.engine.Dialect;
import java.time.Instant;
import java.util.List;

/** The on-disk form of a dataset's facts ({@code dataset.json}), kept apart from the API records on purpose. */
record DatasetManifest(
        int format,
        String id,
        String name,
        String version,
        long rowCount,
        long rejectedCount,
        List<StoredColumn> columns,
        StoredDialect dialect,
        List<String> warnings,
        String createdAt,
        long sourceBytes) {

    static final int FORMAT = 1;

    record StoredColumn(String name, String label, String type) {}

    record StoredDialect(
            String delimiter, String quote, String escape, boolean header, String encoding, String lineEnding) {}

    static DatasetManifest of(Dataset dataset) {
        Dialect d = dataset.dialect();
        return new DatasetManifest(
                FORMAT,
                dataset.id(),
                dataset.name(),
                dataset.version(),
                dataset.rowCount(),
                dataset.rejectedCount(),
                dataset.columns().stream()
                        .map(c -> new StoredColumn(c.name(), c.label(), c.type().toString()))
                        .toList(),
                new StoredDialect(
                        String.valueOf(d.delimiter()),
                        String.valueOf(d.quote()),
                        String.valueOf(d.escape()),
                        d.header(),
                        d.encoding(),
                        d.lineEnding()),
                dataset.warnings(),
                dataset.createdAt().toString(),
                dataset.sourceBytes());
    }

    Dataset toDataset(long storedBytes) {
        List<Column> cols = new java.util.ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            StoredColumn c = columns.get(i);
            cols.add(new Column(c.name(), c.label(), ColumnType.parse(c.type()), i));
        }
        Dialect d = new Dialect(
                dialect.delimiter().charAt(0),
                dialect.quote().charAt(0),
                dialect.escape().charAt(0),
                dialect.header(),
                dialect.encoding(),
                dialect.lineEnding());
        return new Dataset(
                id,
                name,
                version,
                rowCount,
                rejectedCount,
                cols,
                d,
                warnings,
                Instant.parse(createdAt),
                sourceBytes,
                storedBytes);
    }
}
