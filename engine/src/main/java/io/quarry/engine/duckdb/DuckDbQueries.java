package io.quarry.engine.duckdb;

import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
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
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs chart workflows: compiles each to one query and reads its rows as plain values, within the time limit. */
final class DuckDbQueries {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbQueries.class);
    private static final long CANCEL_RETRY_MILLIS = 20;

    private final DuckDBConnection root;
    private final DuckDbSettings settings;

    DuckDbQueries(DuckDBConnection root, DuckDbSettings settings) {
        this.root = root;
        this.settings = settings;
    }

    QueryResult run(Dataset dataset, Workflow workflow, QueryLimits limits) {
        CompiledQuery query = WorkflowCompiler.compile(
                DuckDbEngine.alias(dataset.id()), dataset.columns(), workflow, limits, this::isValidPattern);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean stopped = new AtomicBoolean();
        try (DuckDBConnection connection = root.duplicate();
                PreparedStatement statement = connection.prepareStatement(query.sql())) {
            Parameters.bind(statement, query.parameters(), 1);
            scheduleCancel(statement, limits.timeout().toMillis(), finished, stopped);
            List<Map<String, @Nullable Object>> rows = new ArrayList<>();
            boolean capped = false;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    if (rows.size() >= query.cappedAbove()) {
                        capped = true;
                        break;
                    }
                    rows.add(row(result, query.fields()));
                }
            } finally {
                finished.set(true);
            }
            return new QueryResult(rows, capped, query.warnings());
        } catch (SQLException e) {
            if (stopped.get()) {
                throw new QuarryException(
                        EngineError.QUERY_TIME_LIMIT,
                        "Query stopped after " + seconds(limits.timeout())
                                + "; add a filter or raise quarry.query.time-limit.",
                        e);
            }
            if (DuckDbErrors.outOfMemory(e)) {
                throw new QuarryException(
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
                throw DuckDbErrors.interruptedQuery(e);
            }
            throw new QuarryException(EngineError.STORAGE_FAILED, "The chart query could not be run.", e);
        }
    }

    /** Cancels the statement once the time is up, and again until it has stopped (a cancel can come too early). */
    private static void scheduleCancel(
            PreparedStatement statement, long afterMillis, AtomicBoolean finished, AtomicBoolean stopped) {
        Executor delayed = CompletableFuture.delayedExecutor(afterMillis, TimeUnit.MILLISECONDS);
        delayed.execute(new Runnable() {
            @Override
            public void run() {
                if (finished.get()) {
                    return;
                }
                stopped.set(true);
                try {
                    statement.cancel();
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("A chart query could not be cancelled: {}", e.getMessage());
                }
                if (!finished.get()) {
                    CompletableFuture.delayedExecutor(CANCEL_RETRY_MILLIS, TimeUnit.MILLISECONDS)
                            .execute(this);
                }
            }
        });
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
