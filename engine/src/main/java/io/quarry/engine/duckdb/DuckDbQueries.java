package io.quarry.engine.duckdb;

import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import io.quarry.engine.query.Cancellation;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.QueryResult;
import io.quarry.engine.query.Workflow;
import io.quarry.engine.sql.CompiledQuery;
import io.quarry.engine.sql.CompiledQuery.ResultField;
import io.quarry.engine.sql.WorkflowCompiler;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs chart workflows: compiles each to one query and reads its rows as plain values, within the time limit. */
final class DuckDbQueries {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbQueries.class);
    private static final long CANCEL_RETRY_MILLIS = 20;
    private static final String CANCELLED = "The query was cancelled: no one is waiting for its answer any more.";

    private final DuckDBConnection root;
    private final DuckDbSettings settings;

    DuckDbQueries(DuckDBConnection root, DuckDbSettings settings) {
        this.root = root;
        this.settings = settings;
    }

    QueryResult run(Dataset dataset, Workflow workflow, QueryLimits limits, Cancellation cancellation) {
        CompiledQuery query = WorkflowCompiler.compile(
                DuckDbEngine.alias(dataset.id()), dataset.columns(), workflow, limits, this::isValidPattern);
        if (cancellation.isCancelled()) {
            throw new QuarryException(EngineError.QUERY_CANCELLED, CANCELLED);
        }
        try (DuckDBConnection connection = root.duplicate();
                PreparedStatement statement = connection.prepareStatement(query.sql())) {
            Parameters.bind(statement, query.parameters(), 1);
            Stopper stopper = new Stopper(statement);
            CompletableFuture.delayedExecutor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> stopper.stop(EngineError.QUERY_TIME_LIMIT));
            List<Map<String, @Nullable Object>> rows = new ArrayList<>();
            boolean capped = false;
            try (Cancellation.Registration listening =
                            cancellation.onCancel(() -> stopper.stop(EngineError.QUERY_CANCELLED));
                    ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    if (rows.size() >= query.cappedAbove()) {
                        capped = true;
                        break;
                    }
                    rows.add(row(result, query.fields()));
                }
            } catch (SQLException e) {
                throw failure(e, stopper.reason(), limits);
            } finally {
                stopper.finish();
            }
            return new QueryResult(rows, capped, query.warnings());
        } catch (SQLException e) {
            throw failure(e, null, limits);
        }
    }

    private QuarryException failure(SQLException e, @Nullable EngineError stoppedFor, QueryLimits limits) {
        if (stoppedFor == EngineError.QUERY_TIME_LIMIT) {
            return new QuarryException(
                    EngineError.QUERY_TIME_LIMIT,
                    "Query stopped after " + seconds(limits.timeout())
                            + "; add a filter or raise quarry.query.time-limit.",
                    e);
        }
        if (stoppedFor == EngineError.QUERY_CANCELLED) {
            return new QuarryException(EngineError.QUERY_CANCELLED, CANCELLED, e);
        }
        if (DuckDbErrors.outOfMemory(e)) {
            return new QuarryException(
                    EngineError.QUERY_MEMORY_LIMIT,
                    "The chart query needed more memory than the server allows (quarry.engine.memory-limit "
                            + settings.memoryLimit() + ", of which one query holds up to "
                            + settings.queryMemoryLimit() + " before spilling to disk, and at most "
                            + settings.tempLimit() + " spilled, quarry.engine.temp-limit) and was stopped."
                            + " Group by fewer or coarser fields, or add a filter; an admin can raise"
                            + " the limits.",
                    e);
        }
        if (DuckDbErrors.interrupted(e)) {
            return DuckDbErrors.interruptedQuery(e);
        }
        return new QuarryException(EngineError.STORAGE_FAILED, "The chart query could not be run.", e);
    }

    /**
     * Stops a statement for the first reason given, and cancels it again until it has stopped (a cancel can come
     * before the statement runs).
     */
    private static final class Stopper {

        private final PreparedStatement statement;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicReference<@Nullable EngineError> reason = new AtomicReference<>();

        Stopper(PreparedStatement statement) {
            this.statement = statement;
        }

        void stop(EngineError why) {
            if (!finished.get() && reason.compareAndSet(null, why)) {
                cancelUntilFinished();
            }
        }

        private void cancelUntilFinished() {
            if (finished.get()) {
                return;
            }
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("A chart query could not be cancelled: {}", e.getMessage());
            }
            if (!finished.get()) {
                CompletableFuture.delayedExecutor(CANCEL_RETRY_MILLIS, TimeUnit.MILLISECONDS)
                        .execute(this::cancelUntilFinished);
            }
        }

        void finish() {
            finished.set(true);
        }

        @Nullable
        EngineError reason() {
            return reason.get();
        }
    }

    private static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private boolean isValidPattern(String pattern) {
        try (DuckDBConnection connection = root.duplicate();
                PreparedStatement statement = connection.prepareStatement(WorkflowCompiler.PATTERN_CHECK)) {
            statement.setString(1, pattern);
            statement.executeQuery().close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Map<String, @Nullable Object> row(ResultSet result, List<ResultField> fields) throws SQLException {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            row.put(fields.get(i).fid(), plain(result.getObject(i + 1)));
        }
        return Collections.unmodifiableMap(row);
    }

    /** A JDBC value as a plain one: Long, Double, BigDecimal (only when neither is exact), String, Boolean, List. */
    static @Nullable Object plain(@Nullable Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Double d -> d.isNaN() || d.isInfinite() ? null : d;
            case Float f -> f.isNaN() || f.isInfinite() ? null : f.doubleValue();
            case BigInteger big -> big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
            case BigDecimal decimal -> plain(decimal);
            case Array array -> {
                Object[] items = (Object[]) array.getArray();
                List<@Nullable Object> list = new ArrayList<>(items.length);
                for (Object item : items) {
                    list.add(plain(item));
                }
                yield Collections.unmodifiableList(list);
            }
            default -> value;
        };
    }

    /** A Double when that is exact, else a Long when the value is whole and fits, else the BigDecimal itself. */
    private static Object plain(BigDecimal decimal) {
        double d = decimal.doubleValue();
        if (!Double.isInfinite(d) && new BigDecimal(Double.toString(d)).compareTo(decimal) == 0) {
            return d;
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
            return stripped.longValueExact();
        }
        return decimal;
    }
}
