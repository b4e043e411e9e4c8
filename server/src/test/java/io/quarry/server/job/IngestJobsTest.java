package io.quarry.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.CacheStatistics;
import io.quarry.engine.Capability;
import io.quarry.engine.Column;
import io.quarry.engine.ColumnType;
import io.quarry.engine.Dataset;
import io.quarry.engine.Dialect;
import io.quarry.engine.Engine;
import io.quarry.engine.EngineError;
import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestRequest;
import io.quarry.engine.IngestResult;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.Preview;
import io.quarry.engine.QuarryException;
import io.quarry.engine.RejectPage;
import io.quarry.server.dataset.DatasetRecord;
import io.quarry.server.dataset.DatasetStatus;
import io.quarry.server.dataset.DatasetStore;
import io.quarry.server.system.QuarryProperties;
import io.quarry.server.upload.DiskSpace;
import io.quarry.server.upload.UploadFiles;
import io.quarry.server.upload.UploadProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** The ingest queue on a fake engine that waits for the test: limits per user and per server, and recovery. */
class IngestJobsTest {

    @TempDir
    Path dataDir;

    private final GatedEngine engine = new GatedEngine();
    private DatasetStore store;
    private UploadFiles files;
    private IngestJobs jobs;

    @BeforeEach
    void open() throws Exception {
        var dataSource = new DriverManagerDataSource("jdbc:h2:mem:jobs" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE users (id BIGINT PRIMARY KEY)").update();
        for (String statement : Files.readString(Path.of("src/main/resources/db/migration/V2__datasets.sql"))
                .replaceAll("--[^\n]*", "")
                .split(";")) {
            if (!statement.isBlank()) {
                jdbc.sql(statement).update();
            }
        }
        jdbc.sql("INSERT INTO users (id) VALUES (1), (2), (3)").update();
        store = new DatasetStore(jdbc);
        QuarryProperties quarry = new QuarryProperties(dataDir);
        UploadProperties limits = new UploadProperties(
                DataSize.ofGigabytes(10), DataSize.ofGigabytes(100), DataSize.ofBytes(0), DataSize.ofGigabytes(100));
        DiskSpace space = new DiskSpace(quarry, limits);
        files = new UploadFiles(quarry, space);
        ProgressHub progress = new ProgressHub(JsonMapper.builder().build());
        jobs = new IngestJobs(engine, store, files, progress, new IngestProperties(2, 1), space, limits);
    }

    @AfterEach
    void close() {
        engine.releaseAll();
        jobs.stop();
    }

    @Test
    void runsAtMostTheLimitsAndTheRestWaitsFirstComeFirstServed() throws Exception {
        String alice1 = queued(1, "alice-1");
        String alice2 = queued(1, "alice-2");
        String bob = queued(2, "bob");
        String carol = queued(3, "carol");

        await(() -> status(alice1) == DatasetStatus.INGESTING && status(bob) == DatasetStatus.INGESTING);
        assertThat(status(alice2)).as("alice already has one running").isEqualTo(DatasetStatus.QUEUED);
        assertThat(status(carol)).as("the server runs two at most").isEqualTo(DatasetStatus.QUEUED);

        engine.release("alice-1");
        await(() -> status(alice1) == DatasetStatus.READY);
        await(() -> status(alice2) == DatasetStatus.INGESTING);
        assertThat(status(carol)).isEqualTo(DatasetStatus.QUEUED);

        engine.release("bob");
        await(() -> status(carol) == DatasetStatus.INGESTING);
        engine.releaseAll();
        await(() -> status(alice2) == DatasetStatus.READY && status(carol) == DatasetStatus.READY);
        assertThat(engine.mostAtOnce).isEqualTo(2);
        assertThat(files.exists(alice1))
                .as("the upload is removed once ingested")
                .isFalse();
    }

    @Test
    void aFailedIngestKeepsTheCodeAndTheMessage() throws Exception {
        String id = queued(1, "broken");
        engine.fail("broken", new QuarryException(EngineError.CSV_NOT_TEXT, "The file is not text."));

        await(() -> status(id) == DatasetStatus.FAILED);
        DatasetRecord record = store.find(id).orElseThrow();
        assertThat(record.failureCode()).isEqualTo("CSV_NOT_TEXT");
        assertThat(record.failureDetail()).isEqualTo("The file is not text.");
    }

    @Test
    void recoveryQueuesInterruptedIngestsAgainAndFailsCutOffUploads() throws Exception {
        String interrupted = store.newId();
        store.insert(interrupted, 1, "interrupted", DatasetStatus.INGESTING, 4);
        stored(interrupted);
        String cutOff = store.newId();
        store.insert(cutOff, 2, "cut off", DatasetStatus.UPLOADING, 0);
        stored(cutOff);

        new IngestRecovery(store, files, jobs, id -> false).requeue();
        engine.releaseAll();

        await(() -> status(interrupted) == DatasetStatus.READY);
        DatasetRecord failed = store.find(cutOff).orElseThrow();
        assertThat(failed.status()).isEqualTo(DatasetStatus.FAILED);
        assertThat(failed.failureCode()).isEqualTo("UPLOAD_INTERRUPTED");
        assertThat(files.exists(cutOff)).isFalse();
    }

    private String queued(long owner, String name) throws Exception {
        String id = store.newId();
        store.insert(id, owner, name, DatasetStatus.QUEUED, 4);
        stored(id);
        jobs.submit(new IngestJobs.Job(id, owner, name));
        return id;
    }

    private void stored(String id) throws Exception {
        Files.createDirectories(files.source(id).getParent());
        Files.writeString(files.source(id), "a\n1\n");
    }

    private DatasetStatus status(String id) {
        return store.find(id).orElseThrow().status();
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Each ingest waits until the test releases its dataset's name, then publishes a one-column dataset. */
    private static final class GatedEngine implements Engine {
        final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
        volatile boolean all;
        int running;
        int mostAtOnce;

        CountDownLatch gate(String name) {
            return gates.computeIfAbsent(name, key -> new CountDownLatch(1));
        }

        void release(String name) {
            gate(name).countDown();
        }

        void fail(String name, RuntimeException error) {
            failures.put(name, error);
            release(name);
        }

        void releaseAll() {
            all = true;
            gates.values().forEach(CountDownLatch::countDown);
        }

        @Override
        public IngestResult ingest(IngestRequest request, IngestListener listener) {
            synchronized (this) {
                running++;
                mostAtOnce = Math.max(mostAtOnce, running);
            }
            try {
                while (!all && !gate(request.name()).await(10, TimeUnit.MILLISECONDS)) {
                    if (listener.isCancelled()) {
                        throw new QuarryException(EngineError.INGEST_CANCELLED, "cancelled");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QuarryException(EngineError.INGEST_CANCELLED, "interrupted");
            } finally {
                synchronized (this) {
                    running--;
                }
            }
            RuntimeException failure = failures.get(request.name());
            if (failure != null) {
                throw failure;
            }
            Dataset dataset = new Dataset(
                    "e" + request.name(),
                    request.name(),
                    "v1",
                    1,
                    0,
                    List.of(new Column("a", "a", ColumnType.BIGINT, 0)),
                    new Dialect(',', '"', '"', true, "UTF-8", "LF"),
                    List.of(),
                    Instant.now(),
                    4,
                    4);
            return new IngestResult(dataset, List.of(), 0.01, 4);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public List<Dataset> listDatasets() {
            return List.of();
        }

        @Override
        public Optional<Dataset> findDataset(String id) {
            return Optional.empty();
        }

        @Override
        public Dataset requireDataset(String id) {
            throw new QuarryException(EngineError.DATASET_NOT_FOUND, id);
        }

        @Override
        public Dataset renameDataset(String id, String name) {
            throw new QuarryException(EngineError.DATASET_NOT_FOUND, id);
        }

        @Override
        public void deleteDataset(String id) {}

        @Override
        public Page readPage(PageRequest request) {
            throw new QuarryException(EngineError.DATASET_NOT_FOUND, request.datasetId());
        }

        @Override
        public RejectPage readRejects(String id, long offset, int limit) {
            throw new QuarryException(EngineError.DATASET_NOT_FOUND, id);
        }

        @Override
        public List<CacheStatistics> cacheStatistics() {
            return List.of();
        }

        @Override
        public Optional<Preview> preview(Path source, int maxRows) {
            return Optional.empty();
        }

        @Override
        public void close() {}
    }
}
