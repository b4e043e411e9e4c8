package io.quarry.server.dataset;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.quarry.engine.Dataset;
import io.quarry.engine.DatasetProfile;
import io.quarry.engine.Engine;
import io.quarry.engine.EngineError;
import io.quarry.engine.PageRequest;
import io.quarry.engine.Preview;
import io.quarry.engine.QuarryException;
import io.quarry.engine.RejectPage;
import io.quarry.server.auth.QuarryPrincipal;
import io.quarry.server.dataset.DatasetViews.RowsView;
import io.quarry.server.job.IngestJobs;
import io.quarry.server.job.Progress;
import io.quarry.server.job.ProgressHub;
import io.quarry.server.upload.UploadFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Datasets as their owner (or an admin) sees them; anyone else gets not-found, exactly as for an unknown id. */
@Service
final class DatasetService {

    private static final String ROWS_ONCE_READY = "its rows can be read once it is ready";

    private static final Logger LOG = LoggerFactory.getLogger(DatasetService.class);

    private static final long PREVIEW_AFTER_BYTES = 1 << 20;

    private final DatasetStore store;
    private final DatasetAccess access;
    private final Engine engine;
    private final IngestJobs jobs;
    private final ProgressHub progress;
    private final UploadFiles files;
    private final ApplicationEventPublisher events;
    private final Cache<String, Preview> previews = Caffeine.newBuilder()
            .maximumSize(100)
            .expireAfterWrite(Duration.ofMinutes(30))
            .build();

    DatasetService(
            DatasetStore store,
            DatasetAccess access,
            Engine engine,
            IngestJobs jobs,
            ProgressHub progress,
            UploadFiles files,
            ApplicationEventPublisher events) {
        this.store = store;
        this.access = access;
        this.engine = engine;
        this.jobs = jobs;
        this.progress = progress;
        this.files = files;
        this.events = events;
    }

    /** The user's own datasets; for an admin, every user's. */
    List<DatasetStore.Owned> list(QuarryPrincipal user) {
        return user.admin() ? store.listAll() : store.listByOwner(user.id());
    }

    DatasetRecord requireVisible(QuarryPrincipal user, String id) {
        return access.requireVisible(user, id);
    }

    /** The engine's view of a ready dataset; empty while it is not ready. */
    Optional<Dataset> published(DatasetRecord record) {
        return record.publishedId().flatMap(engine::findDataset);
    }

    DatasetRecord rename(QuarryPrincipal user, String id, String name) {
        DatasetRecord record = requireVisible(user, id);
        String checked = DatasetNames.check(name);
        record.publishedId().ifPresent(engineId -> engine.renameDataset(engineId, checked));
        store.rename(id, checked);
        return store.require(id);
    }

    void delete(QuarryPrincipal user, String id) {
        requireVisible(user, id);
        jobs.cancel(id);
        Optional<DatasetRecord> current = store.find(id);
        store.delete(id);
        current.flatMap(DatasetRecord::publishedId)
                .filter(engineId -> engine.findDataset(engineId).isPresent())
                .ifPresent(engine::deleteDataset);
        files.delete(id);
        progress.forget(id);
        previews.invalidate(id);
        events.publishEvent(new DatasetDeleted(id));
    }

    /**
     * A page of a ready dataset; while it is still uploading or ingesting, and no sort, filter or search is asked for,
     * its first rows from a preview of the part that has arrived.
     */
    RowsView readRows(QuarryPrincipal user, String id, long offset, int limit, RowsQuery query) {
        DatasetRecord record = requireVisible(user, id);
        if (record.status() != DatasetStatus.READY && query.isPlain() && offset < Preview.MAX_ROWS) {
            Optional<Preview> preview = preview(record);
            if (preview.isPresent()) {
                PageRequest checked = new PageRequest(id, offset, limit, List.of());
                return RowsView.of(preview.get(), checked.offset(), checked.limit());
            }
        }
        String engineId = requireReady(user, id);
        PageRequest request = new PageRequest(engineId, offset, limit, query.sort(), query.filters(), query.search());
        Timer.Sample sample = Timer.start();
        RowsView rows = RowsView.of(engine.readPage(request));
        sample.stop(Metrics.timer("quarry.rows", "kind", request.isPlain() ? "plain" : "view"));
        return rows;
    }

    /**
     * The columns and first rows of what has arrived of a dataset not yet ready: once 1 MiB is there (or the whole
     * upload), computed once and kept while the dataset is in the works.
     */
    Optional<Preview> preview(DatasetRecord record) {
        if (record.status() == DatasetStatus.READY || record.status() == DatasetStatus.FAILED) {
            previews.invalidate(record.id());
            return Optional.empty();
        }
        Preview cached = previews.getIfPresent(record.id());
        if (cached != null) {
            return Optional.of(cached);
        }
        boolean arrived = record.status() != DatasetStatus.UPLOADING;
        if (!files.exists(record.id()) || (!arrived && files.size(record.id()) < PREVIEW_AFTER_BYTES)) {
            return Optional.empty();
        }
        Optional<Preview> preview;
        try {
            preview = engine.preview(files.source(record.id()), Preview.MAX_ROWS);
        } catch (QuarryException e) {
            // the upload is not a CSV text, or its ingest ended and took it away meanwhile: the dataset's own status
            // says so; a detail or a page asked for in between is answered without a preview
            LOG.debug("No preview of {}: {}", record.id(), e.getMessage());
            return Optional.empty();
        }
        preview.ifPresent(p -> previews.put(record.id(), p));
        return preview;
    }

    /**
     * An export of a ready dataset's view (every row matching the query, in its order); a bad query fails here,
     * before the answer starts.
     */
    Download export(QuarryPrincipal user, String id, RowsQuery query) {
        DatasetRecord record = access.requireReadyRecord(user, id, ROWS_ONCE_READY);
        PageRequest first = new PageRequest(
                Objects.requireNonNull(record.engineId()),
                0,
                PageRequest.MAX_LIMIT,
                query.sort(),
                query.filters(),
                query.search());
        return new Download(record.name(), new CsvExport(engine, first));
    }

    /** An export and the name of the dataset it comes from. */
    record Download(String name, CsvExport csv) {}

    /** The column profiles of a ready dataset, computed once by the engine. */
    DatasetProfile profile(QuarryPrincipal user, String id) {
        return engine.profile(requireReady(user, id));
    }

    RejectPage readRejects(QuarryPrincipal user, String id, long offset, int limit) {
        return engine.readRejects(requireReady(user, id), offset, limit);
    }

    /** Checks that the user may watch the dataset; call before the response starts. */
    void requireWatchable(QuarryPrincipal user, String id) {
        requireVisible(user, id);
    }

    void watch(String id, OutputStream out) throws IOException {
        progress.stream(
                id,
                () -> store.find(id)
                        .map(DatasetService::storedProgress)
                        .orElseGet(() ->
                                Progress.failed(EngineError.DATASET_NOT_FOUND.name(), "The dataset was deleted.")),
                out);
    }

    private String requireReady(QuarryPrincipal user, String id) {
        return access.requireReady(user, id, ROWS_ONCE_READY);
    }

    static Progress storedProgress(DatasetRecord record) {
        return switch (record.status()) {
            case UPLOADING -> Progress.upload(0, -1, 0);
            case QUEUED, INGESTING -> Progress.queued(record.sourceBytes());
            case READY ->
                Progress.done(record.sourceBytes(), record.rowCount(), record.rejectedCount(), elapsed(record));
            case FAILED ->
                Progress.failed(
                        record.failureCode() == null ? DatasetError.INGEST_FAILED.name() : record.failureCode(),
                        record.failureDetail() == null ? "" : record.failureDetail());
        };
    }

    private static long elapsed(DatasetRecord record) {
        if (record.startedAt() == null || record.readyAt() == null) {
            return 0;
        }
        return record.readyAt().toEpochMilli() - record.startedAt().toEpochMilli();
    }
}
