package io.quarry.server.chart;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarry.engine.QuarryException;
import io.quarry.server.ServerError;
import io.quarry.server.auth.QuarryPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The chart queries that clients have withdrawn. A client names its query with an id of its choosing (the
 * {@value #HEADER} header) and withdraws it with {@code DELETE /api/datasets/{id}/query/{queryId}} once it no longer
 * wants the answer. Ids belong to a user and a dataset: no one can withdraw someone else's query. A withdrawal that
 * arrives before its query (the two travel on different connections) is kept for a minute, and the query is then
 * withdrawn as it arrives.
 */
@Component
final class QueryWithdrawals {

    static final String HEADER = "X-Quarry-Query-Id";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private record Key(long userId, String datasetId, String queryId) {}

    private final ConcurrentHashMap<Key, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();
    private final Cache<Key, Boolean> withdrawn = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(10_000)
            .build();

    /** Checks a client's query id: {@code INVALID_REQUEST} unless it is 1 to 64 letters, digits, '-' or '_'. */
    static String requireValid(String queryId) {
        if (!ID.matcher(queryId).matches()) {
            throw new QuarryException(
                    ServerError.INVALID_REQUEST,
                    "A chart query id (the " + HEADER + " header, or the last part of the path) must be 1 to 64"
                            + " letters, digits, '-' or '_'.");
        }
        return queryId;
    }

    /**
     * Starts waiting for a query; {@link Waiting#close()} when its answer has been given.
     *
     * @param queryId the client's id for it, or null when the client cannot withdraw it
     */
    Waiting await(QuarryPrincipal user, String datasetId, @Nullable String queryId) {
        CompletableFuture<Void> signal = new CompletableFuture<>();
        if (queryId == null) {
            return new Waiting(signal, () -> {});
        }
        Key key = new Key(user.id(), datasetId, requireValid(queryId));
        waiting.compute(key, (k, signals) -> {
            Set<CompletableFuture<Void>> all = signals == null ? new HashSet<>() : signals;
            all.add(signal);
            return all;
        });
        if (withdrawn.getIfPresent(key) != null) {
            signal.complete(null);
        }
        return new Waiting(
                signal,
                () -> waiting.computeIfPresent(key, (k, signals) -> {
                    signals.remove(signal);
                    return signals.isEmpty() ? null : signals;
                }));
    }

    /** Withdraws every query of this user on this dataset with this id, now or when it arrives within a minute. */
    void withdraw(QuarryPrincipal user, String datasetId, String queryId) {
        Key key = new Key(user.id(), datasetId, requireValid(queryId));
        withdrawn.put(key, Boolean.TRUE);
        List<CompletableFuture<Void>> signals = new ArrayList<>();
        waiting.computeIfPresent(key, (k, all) -> {
            signals.addAll(all);
            return all;
        });
        signals.forEach(signal -> signal.complete(null));
    }

    /**
     * A request waiting for its query's answer.
     *
     * @param withdrawn completes when the client withdraws the query
     */
    record Waiting(CompletableFuture<Void> withdrawn, Runnable done) implements AutoCloseable {
        @Override
        public void close() {
            done.run();
        }
    }
}
