package io.quarry.engine.duckdb;

import io.quarry.engine.CacheStatistics;
import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.DatasetProfile;
import io.quarry.engine.Engine;
import io.quarry.engine.EngineError;
import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestPhase;
import io.quarry.engine.IngestProgress;
import io.quarry.engine.IngestRequest;
import io.quarry.engine.IngestResult;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.Preview;
import io.quarry.engine.QuarryException;
import io.quarry.engine.Reject;
import io.quarry.engine.RejectPage;
import io.quarry.engine.ingest.CsvIngester;
import io.quarry.engine.query.Cancellation;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.QueryResult;
import io.quarry.engine.query.Workflow;
import io.quarry.engine.sql.Sql;
import io.quarry.engine.sql.StorageSql;
import io.quarry.engine.store.RowFile;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine: one in-process DuckDB instance; every published dataset is a DuckDB file of its own, attached
 * read-only. An ingest reads the CSV once with Quarry's own parser (which decides the types and the rejects), then
 * lets DuckDB load the canonical copy into a staging directory that is published with one rename.
 */
public final class DuckDbEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbEngine.class);
    private static final int MAX_NAME_LENGTH = 200;
    private static final int PREVIEW_BYTES = 1 << 20;

    private final DatasetDirectory directory;
    private final DuckDBConnection root;
    /** The root of the engine's own work (loads and profiles), without the per-query memory bound of user queries. */
    private final DuckDBConnection internal;

    private final ConcurrentHashMap<String, Published> published = new ConcurrentHashMap<>();
    private final ScheduledExecutorService monitor;
    private final DuckDbLoader loader;
    private final PageReader pages;
    private final DuckDbQueries queries;
    private final DuckDbProfiler profiler;
    private final ConcurrentHashMap<String, DatasetProfile> profiles = new ConcurrentHashMap<>();

    /** A dataset with its open row store. */
    private record Published(Dataset dataset, RowFile rows) {}

    private DuckDbEngine(
            DatasetDirectory directory, DuckDBConnection root, DuckDBConnection internal, DuckDbSettings settings) {
        this.directory = directory;
        this.root = root;
        this.internal = internal;
        this.pages = new PageReader(root, settings);
        this.queries = new DuckDbQueries(root, settings);
        this.profiler = new DuckDbProfiler(internal);
        this.monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "quarry-ingest-monitor");
            thread.setDaemon(true);
            return thread;
        });
        this.loader = new DuckDbLoader(internal, directory, monitor);
    }

    public static DuckDbEngine open(Path dataDir) {
        return open(dataDir, DuckDbSettings.defaults());
    }

    public static DuckDbEngine open(Path dataDir, DuckDbSettings settings) {
        DatasetDirectory directory = DatasetDirectory.open(dataDir);
        DuckDBConnection root;
        DuckDBConnection internal;
        try {
            root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = root.createStatement()) {
                statement.execute("SET memory_limit = " + Sql.literal(settings.memoryLimit()));
                if (settings.threads() > 0) {
                    statement.execute("SET threads = " + settings.threads());
                }
                statement.execute("SET temp_directory = "
                        + Sql.literal(directory.tempDir().toString()));
                statement.execute("SET max_temp_directory_size = " + Sql.literal(settings.tempLimit()));
                // a session setting: every connection duplicated from the root one inherits it
                statement.execute("SET operator_memory_limit = " + Sql.literal(settings.queryMemoryLimit()));
                statement.execute("SET preserve_insertion_order = true");
                statement.execute("SET enable_progress_bar = true");
                statement.execute("SET enable_progress_bar_print = false");
                statement.execute("SET autoinstall_known_extensions = false");
                statement.execute("SET autoload_known_extensions = false");
                internal = root.duplicate();
                try (Statement own = internal.createStatement()) {
                    // a load or a profile is the engine's own work, bounded by the memory limit as a whole: under
                    // the per-query bound the load of the 1 GB bench file spilled and took twice as long
                    own.execute("SET operator_memory_limit = " + Sql.literal(settings.memoryLimit()));
                }
                lockDown(statement, directory.root());
            }
        } catch (SQLException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The storage engine could not start.", e);
        }
        DuckDbEngine engine = new DuckDbEngine(directory, root, internal, settings);
        engine.attachPublished();
        return engine;
    }

    /**
     * Confines DuckDB to the data directory for good: no file outside it can be read, written or attached, no
     * extension installed or loaded, and no setting changed afterwards, whatever SQL reaches the engine.
     */
    static void lockDown(Statement statement, Path dataDir) throws SQLException {
        String allowed = dataDir.toAbsolutePath().normalize() + java.io.File.separator;
        statement.execute("SET allowed_directories = [" + Sql.literal(allowed) + "]");
        statement.execute("SET enable_external_access = false");
        statement.execute("SET allow_community_extensions = false");
        statement.execute("SET lock_configuration = true");
    }

    private void attachPublished() {
        for (Dataset dataset : directory.readPublished()) {
            try {
                attach(dataset);
            } catch (QuarryException e) {
                LOG.warn("Skipping dataset {}: its files could not be opened ({})", dataset.id(), e.getMessage());
            }
        }
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public IngestResult ingest(IngestRequest request, IngestListener listener) {
        String name = checkName(request.name());
        long start = System.nanoTime();
        String id = directory.newId();
        Path stage = directory.createStage(id);
        try {
            listener.onProgress(new IngestProgress(IngestPhase.SNIFF, 0, -1, 0, 0, 0));
            CsvIngester.ParsedCsv parsed = new CsvIngester(request.options(), listener, start)
                    .parse(
                            request.source(),
                            directory.canonicalFile(id),
                            directory.rowIndexFile(id),
                            directory.rejectsFile(id));
            if (listener.isCancelled()) {
                throw cancelled();
            }
            long parsedAt = System.nanoTime();
            loader.load(id, parsed, listener, start);
            long loadedAt = System.nanoTime();
            directory.removeScratch(id);
            Dataset staged = new Dataset(
                    id,
                    name,
                    id + "-1",
                    parsed.rows(),
                    parsed.rejected(),
                    parsed.columns(),
                    parsed.dialect(),
                    parsed.warnings(),
                    Instant.now(),
                    parsed.sourceBytes(),
                    directory.stagedBytes(id));
            directory.writeManifest(stage, staged);
            if (listener.isCancelled()) {
                throw cancelled();
            }
            DatasetProfile profile = profileStaged(stage, staged, listener, start);
            directory.publish(id);
            attach(staged);
            profiles.put(id, profile);
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info(
                    "Ingested {} ({} rows, {} rejected) in {} s: parse {} s, load {} s, publish {} s",
                    id,
                    parsed.rows(),
                    parsed.rejected(),
                    String.format(Locale.ROOT, "%.2f", seconds),
                    String.format(Locale.ROOT, "%.2f", (parsedAt - start) / 1e9),
                    String.format(Locale.ROOT, "%.2f", (loadedAt - parsedAt) / 1e9),
                    String.format(Locale.ROOT, "%.2f", (System.nanoTime() - loadedAt) / 1e9));
            listener.onProgress(new IngestProgress(
                    IngestPhase.DONE,
                    parsed.sourceBytes(),
                    parsed.sourceBytes(),
                    parsed.rows(),
                    parsed.rejected(),
                    elapsedMs(start)));
            return new IngestResult(staged, parsed.firstRejects(), seconds, parsed.sourceBytes());
        } catch (RuntimeException e) {
            directory.removeStage(id);
            throw e;
        }
    }

    /** Profiles the staged dataset and stores the profile beside its manifest, so it is published with it. */
    private DatasetProfile profileStaged(Path stage, Dataset staged, IngestListener listener, long start) {
        listener.onProgress(new IngestProgress(
                IngestPhase.PROFILE,
                staged.sourceBytes(),
                staged.sourceBytes(),
                staged.rowCount(),
                staged.rejectedCount(),
                elapsedMs(start)));
        long profileStart = System.nanoTime();
        String alias = "prf_" + staged.id();
        // a connection of its own: the root one is shared by every thread, and JDBC statements on one connection
        // must not interleave (ATTACH and DETACH act on the whole database whichever connection runs them)
        try (DuckDBConnection connection = internal.duplicate();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    StorageSql.attach(directory.stagedDatabaseFile(staged.id()).toString(), alias, true));
            try {
                DatasetProfile profile = profiler.profile(alias, staged);
                ProfileFile.write(stage, profile);
                LOG.debug("Profiled {} in {} ms", staged.id(), elapsedMs(profileStart));
                return profile;
            } finally {
                statement.execute(StorageSql.detach(alias));
            }
        } catch (SQLException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The dataset's profile could not be computed.", e);
        }
    }

    static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static QuarryException cancelled() {
        return new QuarryException(EngineError.INGEST_CANCELLED, "The ingest was cancelled.");
    }

    private void attach(Dataset dataset) {
        String id = dataset.id();
        try (DuckDBConnection connection = root.duplicate();
                Statement statement = connection.createStatement()) {
            statement.execute(StorageSql.attach(directory.databaseFile(id).toString(), alias(id), true));
        } catch (SQLException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The dataset could not be opened.", e);
        }
        RowFile rows = RowFile.open(directory.publishedRows(id), directory.publishedRowIndex(id), dataset.columns());
        published.put(id, new Published(dataset, rows));
    }

    private static String checkName(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            throw new QuarryException(EngineError.INVALID_NAME, "A dataset needs a name.");
        }
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw new QuarryException(
                    EngineError.INVALID_NAME, "A dataset name can have at most " + MAX_NAME_LENGTH + " characters.");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new QuarryException(EngineError.INVALID_NAME, "A dataset name cannot hold control characters.");
        }
        return stripped;
    }

    static String alias(String id) {
        return "ds_" + id;
    }

    @Override
    public Optional<Preview> preview(Path source, int maxRows) {
        Path scratch = directory.createScratch();
        try {
            return CsvIngester.preview(source, PREVIEW_BYTES, Math.min(maxRows, Preview.MAX_ROWS), scratch);
        } finally {
            directory.removeScratchDir(scratch);
        }
    }

    @Override
    public List<Dataset> listDatasets() {
        return published.values().stream()
                .map(Published::dataset)
                .sorted(Comparator.comparing(Dataset::createdAt).reversed())
                .toList();
    }

    @Override
    public Optional<Dataset> findDataset(String id) {
        return Optional.ofNullable(published.get(id)).map(Published::dataset);
    }

    @Override
    public Dataset requireDataset(String id) {
        return findDataset(id).orElseThrow(() -> notFound(id));
    }

    private static QuarryException notFound(String id) {
        return new QuarryException(EngineError.DATASET_NOT_FOUND, "There is no dataset with the id " + id + ".");
    }

    @Override
    public synchronized Dataset renameDataset(String id, String name) {
        Published current = published(id);
        Dataset renamed = current.dataset().withName(checkName(name));
        directory.writeManifest(directory.publishedDir(id), renamed);
        published.put(id, new Published(renamed, current.rows()));
        return renamed;
    }

    private Published published(String id) {
        Published found = published.get(id);
        if (found == null) {
            throw notFound(id);
        }
        return found;
    }

    @Override
    public void deleteDataset(String id) {
        Published removed = published.remove(id);
        if (removed == null) {
            throw notFound(id);
        }
        pages.forget(removed.dataset().version());
        profiles.remove(id);
        try {
            removed.rows().close();
        } catch (IOException e) {
            LOG.warn("The row store of dataset {} did not close cleanly: {}", id, e.getMessage());
        }
        try (DuckDBConnection connection = root.duplicate();
                Statement statement = connection.createStatement()) {
            statement.execute(StorageSql.detach(alias(id)));
        } catch (SQLException e) {
            LOG.warn("Dataset {} could not be detached: {}", id, e.getMessage());
        }
        directory.removePublished(id);
    }

    @Override
    public Page readPage(PageRequest request) {
        Published target = published(request.datasetId());
        return pages.read(target.dataset(), target.rows(), request);
    }

    @Override
    public QueryResult query(String datasetId, Workflow workflow, QueryLimits limits, Cancellation cancellation) {
        return queries.run(published(datasetId).dataset(), workflow, limits, cancellation);
    }

    /** The stored profile, read once; a dataset published before profiles existed is profiled on first request. */
    @Override
    public DatasetProfile profile(String datasetId) {
        Published target = published(datasetId);
        return profiles.computeIfAbsent(
                datasetId,
                id -> ProfileFile.read(directory.publishedDir(id)).orElseGet(() -> {
                    DatasetProfile profile = profiler.profile(alias(id), target.dataset());
                    ProfileFile.write(directory.publishedDir(id), profile);
                    return profile;
                }));
    }

    @Override
    public List<CacheStatistics> cacheStatistics() {
        return pages.statistics();
    }

    @Override
    public RejectPage readRejects(String id, long offset, int limit) {
        Dataset dataset = requireDataset(id);
        if (offset < 0 || limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new QuarryException(
                    EngineError.INVALID_PAGE,
                    "The offset must be 0 or more and the limit between 1 and " + PageRequest.MAX_LIMIT + ".");
        }
        List<Reject> rejects = new ArrayList<>();
        try (Connection connection = root.duplicate();
                PreparedStatement statement = connection.prepareStatement(StorageSql.selectRejects(alias(id)))) {
            statement.setInt(1, limit);
            statement.setLong(2, offset);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rejects.add(new Reject(result.getLong(1), result.getString(2), result.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The reject log could not be read.", e);
        }
        return new RejectPage(rejects, offset, limit, dataset.rejectedCount());
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        pages.close();
        for (Published dataset : published.values()) {
            try {
                dataset.rows().close();
            } catch (IOException e) {
                LOG.warn("A row store did not close cleanly: {}", e.getMessage());
            }
        }
        try {
            internal.close();
            root.close();
        } catch (SQLException e) {
            LOG.warn("The storage engine did not close cleanly: {}", e.getMessage());
        }
    }
}
