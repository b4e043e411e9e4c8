package io.quarry.engine.duckdb;

import io.quarry.engine.Column;
import io.quarry.engine.EngineError;
import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestPhase;
import io.quarry.engine.IngestProgress;
import io.quarry.engine.QuarryException;
import io.quarry.engine.ingest.CsvIngester;
import io.quarry.engine.sql.StorageSql;
import io.quarry.engine.store.CanonicalCsvSplitter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.QueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the canonical CSV an ingest wrote into the staged DuckDB file, with the types the ingest decided: as one
 * table, or for a file of more than {@value StorageSql#MAX_TABLE_COLUMNS} columns as one table per
 * {@value StorageSql#GROUP_COLUMNS} columns, each from a file split from the canonical one, and a view joining them.
 */
final class DuckDbLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbLoader.class);
    private static final long DEFAULT_MAX_LINE = 2 << 20;

    private final DuckDBConnection root;
    private final DatasetDirectory directory;
    private final ScheduledExecutorService monitor;

    DuckDbLoader(DuckDBConnection root, DatasetDirectory directory, ScheduledExecutorService monitor) {
        this.root = root;
        this.directory = directory;
        this.monitor = monitor;
    }

    void load(String id, CsvIngester.ParsedCsv parsed, IngestListener listener, long start) {
        String alias = "stg_" + id;
        long maxLine = Math.max(DEFAULT_MAX_LINE, parsed.longestRecord() + 1024);
        List<Column> columns = parsed.columns();
        List<Path> sources = tableSources(id, columns.size());
        AtomicBoolean cancelled = new AtomicBoolean();
        try (DuckDBConnection connection = root.duplicate();
                Statement statement = connection.createStatement()) {
            statement.execute(StorageSql.attach(directory.stagedDatabaseFile(id).toString(), alias, false));
            try {
                for (int table = 0; table < sources.size(); table++) {
                    if (listener.isCancelled()) {
                        throw DuckDbEngine.cancelled();
                    }
                    String sql = StorageSql.createRows(
                            alias, table, sources.get(table).toString(), columns, maxLine);
                    Share share = new Share(table, sources.size());
                    try (DuckDBPreparedStatement load =
                            connection.prepareStatement(sql).unwrap(DuckDBPreparedStatement.class)) {
                        ScheduledFuture<?> watch = monitor.scheduleAtFixedRate(
                                () -> watchLoad(load, share, parsed, listener, start, cancelled),
                                250,
                                250,
                                TimeUnit.MILLISECONDS);
                        try {
                            load.execute();
                        } finally {
                            watch.cancel(false);
                        }
                    }
                }
                if (sources.size() > 1) {
                    statement.execute(StorageSql.createRowsView(alias, columns.size()));
                }
                statement.execute(StorageSql.createRejects(
                        alias, directory.rejectsFile(id).toString(), maxLine));
                for (int table = 0; table < sources.size(); table++) {
                    try (ResultSet count = statement.executeQuery(StorageSql.countRows(alias, columns, table))) {
                        count.next();
                        if (count.getLong(1) != parsed.rows()) {
                            throw new QuarryException(
                                    EngineError.STORAGE_FAILED,
                                    "The stored row count does not match the rows read; nothing was published.");
                        }
                    }
                }
            } finally {
                statement.execute(StorageSql.detach(alias));
            }
        } catch (SQLException e) {
            if (cancelled.get()) {
                throw DuckDbEngine.cancelled();
            }
            throw new QuarryException(EngineError.STORAGE_FAILED, "The dataset could not be stored.", e);
        }
    }

    /**
     * The CSV files the rows' tables are loaded from: the canonical copy itself for a dataset kept in one table, else
     * one file per table, split from it.
     */
    private List<Path> tableSources(String id, int columnCount) {
        int tables = StorageSql.tableCount(columnCount);
        if (tables == 1) {
            return List.of(directory.canonicalFile(id));
        }
        List<Path> files = directory.createTableFiles(id, tables);
        long start = System.nanoTime();
        try {
            CanonicalCsvSplitter.split(directory.canonicalFile(id), StorageSql.GROUP_COLUMNS, files);
            LOG.debug("Split {} into {} tables' files in {} ms", id, tables, DuckDbEngine.elapsedMs(start));
        } catch (IOException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The dataset could not be stored.", e);
        }
        return files;
    }

    /** Which part of the load one table is: the {@code index}-th of {@code count}. */
    private record Share(int index, int count) {

        double of(double percentage) {
            return (index + Math.max(0, Math.min(100, percentage)) / 100) / count;
        }
    }

    private void watchLoad(
            DuckDBPreparedStatement load,
            Share table,
            CsvIngester.ParsedCsv parsed,
            IngestListener listener,
            long start,
            AtomicBoolean cancelled) {
        try {
            if (listener.isCancelled()) {
                cancelled.set(true);
                load.cancel();
                return;
            }
            QueryProgress progress = load.getQueryProgress();
            double share = table.of(progress.getPercentage());
            listener.onProgress(new IngestProgress(
                    IngestPhase.INDEX,
                    Math.round(parsed.sourceBytes() * share),
                    parsed.sourceBytes(),
                    parsed.rows(),
                    parsed.rejected(),
                    DuckDbEngine.elapsedMs(start)));
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Progress of a load could not be read: {}", e.getMessage());
        }
    }
}
