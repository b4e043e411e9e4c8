package io.quarry.server.chart;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.quarry.engine.Column;
import io.quarry.engine.Dataset;
import io.quarry.engine.Engine;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import io.quarry.engine.query.Cancellation;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * Chart fields and chart queries of the datasets a user may see (the owner, or an admin; anyone else gets
 * not-found). Answers are kept per (dataset, dataset version, canonical payload): identical payloads that arrive
 * together are computed once, and a changed dataset never gets a stale answer. A computation counts the requests
 * waiting for it; when the last of them is withdrawn it is cancelled in the engine, and a request that arrives later
 * for the same payload starts a fresh one.
 */
@Service
class ChartService implements DisposableBean {

    /** One field as Graphic Walker takes it. */
    record Field(String fid, String name, String semanticType, String analyticType) {}

    /** An answer: the JSON array of rows, ready to send, and whether rows were cut off. */
    record Answer(byte[] json, boolean capped, List<String> warnings) {}

    private record Key(String datasetId, String version, String payload) {}

    /** An answer or the error it failed with. */
    private record Outcome(
            @Nullable Answer answer, @Nullable RuntimeException error) {}

    private final DatasetAccess access;
    private final QueryWithdrawals withdrawals;
    private final Engine engine;
    private final ObjectMapper json;
    private final QueryLimits limits;
    private final Cache<Key, Answer> answers;
    private final ConcurrentHashMap<Key, Computation> running = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong computed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicInteger computing = new AtomicInteger();

    ChartService(
            DatasetAccess access,
            QueryWithdrawals withdrawals,
            Engine engine,
            ObjectMapper json,
            ChartProperties properties) {
        this.access = access;
        this.withdrawals = withdrawals;
        this.engine = engine;
        this.json = json;
        this.limits = QueryLimits.defaults().withMaxRows(properties.maxRows()).withTimeout(properties.timeLimit());
        this.answers = Caffeine.newBuilder()
                .maximumWeight(properties.cacheSize().toBytes())
                .weigher((Key key, Answer answer) -> (int) Math.min(
                        Integer.MAX_VALUE, answer.json().length + key.payload().length() * 2L + 64))
                .expireAfterAccess(Duration.ofHours(1))
                .executor(executor)
                .build();
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

    /**
     * The answer to a chart query, computed once for identical payloads that arrive together.
     *
     * @param queryId the client's id for this query, or null; once the client withdraws it, this request stops
     *     waiting with {@code QUERY_CANCELLED}, and the computation is cancelled if no one else waits for it
     * @throws QuarryException {@code QUERY_*} for a payload that cannot be run, from the engine or the mapping
     */
    Answer query(QuarryPrincipal user, String id, ChartPayload payload, @Nullable String queryId) {
        try (QueryWithdrawals.Waiting waiting = withdrawals.await(user, id, queryId)) {
            return query(user, id, payload, waiting.withdrawn());
        }
    }

    private Answer query(QuarryPrincipal user, String id, ChartPayload payload, CompletableFuture<Void> withdrawn) {
        Dataset dataset = requireReady(user, id);
        Workflow workflow = payload.toWorkflow();
        if (withdrawn.isDone()) {
            throw withdrawn();
        }
        Key key = new Key(dataset.id(), dataset.version(), canonical(payload));
        Answer cached = answers.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Answer[] answered = {null};
        Computation[] started = {null};
        Computation computation = running.compute(key, (k, current) -> {
            if (current != null && current.join()) {
                return current;
            }
            // a computation that has just ended put its answer here before it left the running ones
            answered[0] = answers.getIfPresent(k);
            if (answered[0] != null) {
                return current;
            }
            started[0] = new Computation(k);
            started[0].join();
            return started[0];
        });
        if (answered[0] != null) {
            return answered[0];
        }
        Computation mine = Objects.requireNonNull(computation);
        if (mine == started[0]) {
            mine.start(dataset.id(), workflow, payload.profiling());
        }
        try {
            CompletableFuture.anyOf(mine.outcome, withdrawn).get();
            if (!mine.outcome.isDone()) {
                throw withdrawn();
            }
            Outcome outcome = mine.outcome.get();
            if (outcome.error() != null) {
                throw outcome.error();
            }
            return Objects.requireNonNull(outcome.answer());
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a chart query", e);
        } finally {
            mine.leave();
        }
    }

    private static QuarryException withdrawn() {
        return new QuarryException(
                EngineError.QUERY_CANCELLED, "This chart query was withdrawn by its client; nothing was sent.");
    }

    /** How many chart queries were computed (not answered from the cache or by a query already running). */
    long computed() {
        return computed.get();
    }

    /** How many chart queries were cancelled because every request waiting for them was withdrawn. */
    long cancelled() {
        return cancelled.get();
    }

    /** How many chart queries the engine is running for this service. */
    int computing() {
        return computing.get();
    }

    /** One computation of a payload, and the requests waiting for it. */
    private final class Computation {

        private final Key key;
        private final Cancellation cancellation = new Cancellation();
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private int waiters; // guarded by this
        private boolean abandoned; // guarded by this

        Computation(Key key) {
            this.key = key;
        }

        /** @return false when the computation was abandoned by everyone who waited for it, and cannot be joined */
        synchronized boolean join() {
            if (abandoned) {
                return false;
            }
            waiters++;
            return true;
        }

        void start(String engineId, Workflow workflow, boolean profiling) {
            CompletableFuture.supplyAsync(() -> compute(engineId, workflow, profiling, cancellation), executor)
                    .whenComplete((result, error) -> {
                        if (result != null && result.answer() != null) {
                            answers.put(key, result.answer());
                        }
                        running.remove(key, this);
                        if (error != null) {
                            outcome.completeExceptionally(error);
                        } else {
                            outcome.complete(result);
                        }
                    });
        }

        void leave() {
            boolean abandon;
            synchronized (this) {
                waiters--;
                abandon = waiters == 0 && !outcome.isDone();
                abandoned |= abandon;
            }
            if (abandon) {
                running.remove(key, this);
                cancellation.cancel();
                cancelled.incrementAndGet();
                Metrics.counter("quarry.chart.cancelled").increment();
            }
        }
    }

    private Outcome compute(String engineId, Workflow workflow, boolean profiling, Cancellation cancellation) {
        computed.incrementAndGet();
        Timer.Sample sample = Timer.start();
        QueryResult result;
        computing.incrementAndGet();
        try {
            result = engine.query(engineId, workflow, limits, cancellation);
        } catch (QuarryException e) {
            return new Outcome(null, e);
        } finally {
            computing.decrementAndGet();
        }
        sample.stop(Metrics.timer("quarry.chart.queries", "kind", profiling ? "profiling" : "chart"));
        return new Outcome(new Answer(json.writeValueAsBytes(result.rows()), result.capped(), result.warnings()), null);
    }

    /** Withdraws this user's query with this id on a dataset they may see; see {@link QueryWithdrawals}. */
    void withdraw(QuarryPrincipal user, String id, String queryId) {
        access.requireVisible(user, id);
        withdrawals.withdraw(user, id, queryId);
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
