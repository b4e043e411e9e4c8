package io.quarry.server.chart;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.quarry.engine.Column;
import io.quarry.engine.Dataset;
import io.quarry.engine.Engine;
import io.quarry.engine.QuarryException;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.QueryResult;
import io.quarry.engine.query.Workflow;
import io.quarry.server.auth.QuarryPrincipal;
import io.quarry.server.dataset.DatasetAccess;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * Chart fields and chart queries of the datasets a user may see (the owner, or an admin; anyone else gets
 * not-found). Answers are kept per (dataset, dataset version, canonical payload): identical payloads that arrive
 * together are computed once, and a changed dataset never gets a stale answer.
 */
@Service
class ChartService implements DisposableBean {

    /** One field as Graphic Walker takes it. */
    record Field(String fid, String name, String semanticType, String analyticType) {}

    /** An answer: the JSON array of rows, ready to send, and whether rows were cut off. */
    record Answer(byte[] json, boolean capped, List<String> warnings) {}

    private record Key(String datasetId, String version, String payload) {}

    /** An answer or the error it failed with: failures complete normally, so the cache does not log them. */
    private record Outcome(
            @Nullable Answer answer, @Nullable RuntimeException error) {}

    private final DatasetAccess access;
    private final Engine engine;
    private final ObjectMapper json;
    private final QueryLimits limits;
    private final AsyncCache<Key, Outcome> answers;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong computed = new AtomicLong();

    ChartService(DatasetAccess access, Engine engine, ObjectMapper json, ChartProperties properties) {
        this.access = access;
        this.engine = engine;
        this.json = json;
        this.limits = QueryLimits.defaults().withMaxRows(properties.maxRows()).withTimeout(properties.timeLimit());
        this.answers = Caffeine.newBuilder()
                .maximumWeight(properties.cacheSize().toBytes())
                .weigher((Key key, Outcome outcome) -> (int) Math.min(
                        Integer.MAX_VALUE,
                        (outcome.answer() == null ? 0L : outcome.answer().json().length)
                                + key.payload().length() * 2L
                                + 64))
                .expireAfterAccess(Duration.ofHours(1))
                .executor(executor)
                .buildAsync();
    }

    List<Field> fields(QuarryPrincipal user, String id) {
        return requireReady(user, id).columns().stream()
                .map(ChartService::field)
                .toList();
    }

    static Field field(Column column) {
        if (column.type().isNumeric()) {
            return new Field(column.name(), column.label(), "quantitative", "measure");
        }
        if (column.type().isTemporal()) {
            return new Field(column.name(), column.label(), "temporal", "dimension");
        }
        return new Field(column.name(), column.label(), "nominal", "dimension");
    }

    /** @throws QuarryException {@code QUERY_*} for a payload that cannot be run, from the engine or the mapping */
    Answer query(QuarryPrincipal user, String id, ChartPayload payload) {
        Dataset dataset = requireReady(user, id);
        Workflow workflow = payload.toWorkflow();
        Key key = new Key(dataset.id(), dataset.version(), canonical(payload));
        CompletableFuture<Outcome> future = answers.get(
                key,
                (k, executor) -> CompletableFuture.supplyAsync(
                        () -> compute(dataset.id(), workflow, payload.profiling()), executor));
        try {
            Outcome outcome = future.get();
            if (outcome.error() != null) {
                answers.asMap().remove(key, future);
                throw outcome.error();
            }
            return Objects.requireNonNull(outcome.answer());
        } catch (ExecutionException e) {
            answers.asMap().remove(key, future);
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a chart query", e);
        }
    }

    /** How many chart queries were computed (not answered from the cache or by a query already running). */
    long computed() {
        return computed.get();
    }

    private Outcome compute(String engineId, Workflow workflow, boolean profiling) {
        computed.incrementAndGet();
        Timer.Sample sample = Timer.start();
        QueryResult result;
        try {
            result = engine.query(engineId, workflow, limits);
        } catch (QuarryException e) {
            return new Outcome(null, e);
        }
        sample.stop(Metrics.timer("quarry.chart.queries", "kind", profiling ? "profiling" : "chart"));
        return new Outcome(new Answer(json.writeValueAsBytes(result.rows()), result.capped(), result.warnings()), null);
    }

    int maxRows() {
        return limits.maxRows();
    }

    private String canonical(ChartPayload payload) {
        // the records are written in declaration order, without unknown members or whitespace
        return json.writeValueAsString(payload);
    }

    private static RuntimeException unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(cause);
    }

    private Dataset requireReady(QuarryPrincipal user, String id) {
        return engine.requireDataset(access.requireReady(user, id, "it can be charted once it is ready"));
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
