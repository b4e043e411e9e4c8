package io.quarry.server.job;

import io.micrometer.core.instrument.Metrics;
import io.quarry.engine.Dataset;
import io.quarry.engine.Engine;
import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestOptions;
import io.quarry.engine.IngestPhase;
import io.quarry.engine.IngestProgress;
import io.quarry.engine.IngestRequest;
import io.quarry.engine.IngestResult;
import io.quarry.engine.QuarryException;
import io.quarry.server.dataset.DatasetError;
import io.quarry.server.dataset.DatasetStore;
import io.quarry.server.upload.DiskSpace;
import io.quarry.server.upload.UploadFiles;
import io.quarry.server.upload.UploadProperties;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs ingests from stored uploads on a bounded pool: at most {@code quarry.ingest.max-concurrent} at once, and
 * {@code quarry.ingest.max-concurrent-per-user} per user; the others wait, first come first served.
 */
@Component
public final class IngestJobs {

    private static final Logger LOG = LoggerFactory.getLogger(IngestJobs.class);

    private final Engine engine;
    private final DatasetStore store;
    private final UploadFiles files;
    private final ProgressHub progress;
    private final IngestProperties properties;
    private final DiskSpace space;
    private final IngestOptions options;
    private final ExecutorService executor;
    private final Deque<Job> waiting = new ArrayDeque<>();
    private final Map<Long, Integer> runningPerUser = new HashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Set<String> outOfSpace = ConcurrentHashMap.newKeySet();
    private final Object finishing = new Object();
    private int running;
    private volatile boolean stopping;

    IngestJobs(
            Engine engine,
            DatasetStore store,
            UploadFiles files,
            ProgressHub progress,
            IngestProperties properties,
            DiskSpace space,
            UploadProperties uploads) {
        this.space = space;
        this.options = IngestOptions.builder()
                .maxDecompressedBytes(uploads.maxDecompressedSize().toBytes())
                .build();
        this.engine = engine;
        this.store = store;
        this.files = files;
        this.progress = progress;
        this.properties = properties;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(properties.maxConcurrent(), runnable -> {
            Thread thread = new Thread(runnable, "ingest-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A dataset whose upload is stored and waits for an ingest. */
    public record Job(String datasetId, long ownerId, String name) {
        public Job {
            Objects.requireNonNull(datasetId);
            Objects.requireNonNull(name);
        }
    }

    /** Queues the ingest of a dataset whose row is already in status {@code queued}. */
    public void submit(Job job) {
        progress.update(job.datasetId(), Progress.queued(files.size(job.datasetId())));
        synchronized (this) {
            waiting.addLast(job);
        }
        startWhatCanRun();
    }

    /**
     * Stops a dataset's ingest, waiting or running; the job then leaves the dataset alone. Once this returns, the
     * job will not mark the dataset ready: read its engine id afterwards to delete the engine's data.
     */
    public void cancel(String datasetId) {
        synchronized (finishing) {
            cancelled.add(datasetId);
        }
        synchronized (this) {
            waiting.removeIf(job -> job.datasetId().equals(datasetId));
        }
        progress.forget(datasetId);
    }

    private void startWhatCanRun() {
        synchronized (this) {
            Iterator<Job> it = waiting.iterator();
            while (running < properties.maxConcurrent() && it.hasNext()) {
                Job job = it.next();
                int mine = runningPerUser.getOrDefault(job.ownerId(), 0);
                if (mine < properties.maxConcurrentPerUser()) {
                    it.remove();
                    running++;
                    runningPerUser.put(job.ownerId(), mine + 1);
                    executor.execute(() -> run(job));
                }
            }
        }
    }

    private void run(Job job) {
        String id = job.datasetId();
        try {
            if (!cancelled.contains(id)) {
                ingest(job);
            }
        } finally {
            synchronized (this) {
                running--;
                runningPerUser.merge(job.ownerId(), -1, Integer::sum);
                runningPerUser.remove(job.ownerId(), 0);
            }
            cancelled.remove(id);
            if (!stopping) {
                startWhatCanRun();
            }
        }
    }

    private void ingest(Job job) {
        String id = job.datasetId();
        store.markIngesting(id);
        IngestListener listener = new IngestListener() {
            @Override
            public void onProgress(IngestProgress update) {
                if (update.phase() != IngestPhase.DONE) {
                    progress.update(id, Progress.of(update));
                }
            }

            @Override
            public boolean isCancelled() {
                // asked a few times a second, and before each step that writes; one statfs call is cheap
                if (space.isLow()) {
                    outOfSpace.add(id);
                }
                return stopping || cancelled.contains(id) || outOfSpace.contains(id);
            }
        };
        try {
            IngestResult result = engine.ingest(new IngestRequest(files.source(id), job.name(), options), listener);
            Dataset dataset = result.dataset();
            // with cancel(): either the dataset is deleted first and its engine data goes here, or it is marked
            // ready first and whoever deletes it then sees the engine id
            synchronized (finishing) {
                if (cancelled.contains(id) || store.find(id).isEmpty()) {
                    engine.deleteDataset(dataset.id());
                    return;
                }
                store.markReady(
                        id,
                        dataset.id(),
                        dataset.rowCount(),
                        dataset.rejectedCount(),
                        dataset.columns().size());
            }
            progress.update(
                    id,
                    Progress.done(
                            result.sourceBytes(),
                            dataset.rowCount(),
                            dataset.rejectedCount(),
                            Math.round(result.seconds() * 1000)));
            files.delete(id);
            Metrics.timer("quarry.ingest", "outcome", "ready")
                    .record(Duration.ofMillis(Math.round(result.seconds() * 1000)));
            Metrics.counter("quarry.ingest.bytes").increment(result.sourceBytes());
            Metrics.counter("quarry.ingest.rows").increment(dataset.rowCount());
            Metrics.counter("quarry.ingest.rejected").increment(dataset.rejectedCount());
            LOG.info("Dataset {} is ready: {} rows, {} rejected", id, dataset.rowCount(), dataset.rejectedCount());
        } catch (QuarryException e) {
            if (stopping || cancelled.contains(id)) {
                LOG.info("Ingest of {} stopped", id);
                return;
            }
            if (outOfSpace.contains(id) || DiskSpace.ranOut(e)) {
                failForSpace(id);
                return;
            }
            fail(id, e.code().name(), e.getMessage());
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            if (outOfSpace.contains(id) || DiskSpace.ranOut(e)) {
                failForSpace(id);
                return;
            }
            LOG.error("Ingest of {} failed", id, e);
            fail(
                    id,
                    DatasetError.INGEST_FAILED.name(),
                    "The ingest failed because of an internal error (dataset " + id
                            + "). Try again; if it fails again, report it with this id.");
        }
    }

    /** Fails an ingest stopped for lack of disk space, keeping its upload so that it can run again. */
    private void failForSpace(String id) {
        outOfSpace.remove(id);
        String code = DatasetError.INGEST_DISK_FULL.name();
        String detail = space.ingestStoppedDetail();
        LOG.warn("Ingest of {} stopped: the disk under the data directory is (nearly) full", id);
        Metrics.counter("quarry.ingest.failures", "code", code).increment();
        store.markFailed(id, code, detail);
        progress.update(id, Progress.failed(code, detail));
    }

    private void fail(String id, String code, String detail) {
        Metrics.counter("quarry.ingest.failures", "code", code).increment();
        store.markFailed(id, code, detail);
        progress.update(id, Progress.failed(code, detail));
        files.delete(id);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        executor.shutdownNow();
    }
}
