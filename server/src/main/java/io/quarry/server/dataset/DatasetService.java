package io.quarry.server.dataset;

import io.quarry.engine.Dataset;
import io.quarry.engine.Engine;
import io.quarry.engine.EngineError;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.QuarryException;
import io.quarry.engine.RejectPage;
import io.quarry.server.auth.QuarryPrincipal;
import io.quarry.server.job.IngestJobs;
import io.quarry.server.job.Progress;
import io.quarry.server.job.ProgressHub;
import io.quarry.server.upload.UploadFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Datasets as their owner (or an admin) sees them; anyone else gets not-found, exactly as for an unknown id. */
@Service
final class DatasetService {

    private final DatasetStore store;
    private final Engine engine;
    private final IngestJobs jobs;
    private final ProgressHub progress;
    private final UploadFiles files;

    DatasetService(DatasetStore store, Engine engine, IngestJobs jobs, ProgressHub progress, UploadFiles files) {
        this.store = store;
        this.engine = engine;
        this.jobs = jobs;
        this.progress = progress;
        this.files = files;
    }

    List<DatasetRecord> list(QuarryPrincipal user) {
        return store.listByOwner(user.id());
    }

    DatasetRecord requireVisible(QuarryPrincipal user, String id) {
        return store.find(id)
                .filter(record -> user.admin() || record.ownerId() == user.id())
                .orElseThrow(() -> new QuarryException(
                        EngineError.DATASET_NOT_FOUND, "There is no dataset with the id " + id + "."));
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
    }

    Page readPage(QuarryPrincipal user, String id, long offset, int limit, RowsQuery query) {
        String engineId = requireReady(user, id);
        return engine.readPage(new PageRequest(engineId, offset, limit, query.sort(), query.filters(), query.search()));
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
        DatasetRecord record = requireVisible(user, id);
        if (record.status() != DatasetStatus.READY || record.engineId() == null) {
            throw new QuarryException(
                    DatasetError.DATASET_NOT_READY,
                    "The dataset \"" + record.name() + "\" is "
                            + record.status().wire()
                            + (record.status() == DatasetStatus.FAILED
                                    ? "; upload the file again."
                                    : "; its rows can be read once it is ready."));
        }
        return record.engineId();
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
