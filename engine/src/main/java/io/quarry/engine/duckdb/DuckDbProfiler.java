package io.quarry.engine.duckdb;

import io.quarry.engine.Column;
import io.quarry.engine.ColumnProfile;
import io.quarry.engine.ColumnProfile.Bin;
import io.quarry.engine.ColumnProfile.TopValue;
import io.quarry.engine.ColumnType;
import io.quarry.engine.DataType;
import io.quarry.engine.Dataset;
import io.quarry.engine.DatasetProfile;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import io.quarry.engine.sql.ProfileSql;
import io.quarry.engine.sql.StorageSql;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * Computes a dataset's column profiles: aggregates over every column (counts, approximate distinct counts, bounds,
 * mean, deviation) for {@link #SUMMARY_BATCH} columns at a time, then exact distinct counts of the columns estimated under {@link #EXACT_DISTINCT_BELOW}, and
 * {@code UNION ALL}s of the histograms and top values, each for at most {@link #BATCH} columns at a time, so a wide
 * file needs no more memory (one hash table per column) or native stack (one union branch per column) than a narrow
 * one. Each statement reads one of the tables of a dataset kept in several.
 */
final class DuckDbProfiler {

    /** Columns whose distinct counts or distributions one statement computes at most. */
    static final int BATCH = 16;

    /** Columns whose summary (cheap aggregates, one small sketch each) one statement computes at most. */
    static final int SUMMARY_BATCH = 128;

    /** Columns estimated to have fewer distinct values than this are counted exactly. */
    static final long EXACT_DISTINCT_BELOW = 100_000;

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final DuckDBConnection root;

    DuckDbProfiler(DuckDBConnection root) {
        this.root = root;
    }

    /** What is known of one column while its profile is computed. */
    private static final class Stats {
        final Column column;
        long nonNull;
        long distinct;
        boolean approximate;

        @Nullable
        Object min;

        @Nullable
        Object max;

        @Nullable
        Double mean;

        @Nullable
        Double stddev;

        double axisMin;
        double axisRange;
        long @Nullable [] bins;
        final List<TopValue> top = new ArrayList<>();

        Stats(Column column) {
            this.column = column;
        }
    }

    /** Profiles the dataset attached under {@code alias}. */
    DatasetProfile profile(String alias, Dataset dataset) {
        List<Stats> stats = dataset.columns().stream().map(Stats::new).toList();
        try (DuckDBConnection connection = root.duplicate();
                Statement statement = connection.createStatement()) {
            List<Column> schema = dataset.columns();
            long rowCount = summarize(statement, alias, schema, stats);
            countDistinct(statement, alias, schema, stats);
            distribute(connection, alias, schema, stats);
            return new DatasetProfile(
                    dataset.id(),
                    rowCount,
                    stats.stream().map(s -> toProfile(s, rowCount)).toList());
        } catch (SQLException e) {
            if (DuckDbErrors.outOfMemory(e)) {
                throw new QuarryException(
                        EngineError.QUERY_MEMORY_LIMIT,
                        "The dataset's profile needed more memory than the server allows; ask an admin to raise"
                                + " quarry.engine.memory-limit or quarry.engine.temp-limit.",
                        e);
            }
            throw new QuarryException(EngineError.STORAGE_FAILED, "The dataset's profile could not be computed.", e);
        }
    }

    private static long summarize(Statement statement, String alias, List<Column> schema, List<Stats> stats)
            throws SQLException {
        long rowCount = 0;
        List<List<Stats>> batches = stats.isEmpty() ? List.of(stats) : batches(stats, SUMMARY_BATCH, schema);
        for (List<Stats> batch : batches) {
            List<Column> columns = batch.stream().map(s -> s.column).toList();
            try (ResultSet result = statement.executeQuery(ProfileSql.summary(alias, schema, columns))) {
                result.next();
                rowCount = result.getLong(1);
                for (int i = 0; i < batch.size(); i++) {
                    Stats s = batch.get(i);
                    int at = 2 + i * ProfileSql.SUMMARY_WIDTH;
                    s.nonNull = result.getLong(at);
                    s.distinct = Math.min(result.getLong(at + 1), s.nonNull);
                    s.approximate = s.distinct >= EXACT_DISTINCT_BELOW;
                    s.min = value(result, at + 2, s.column.type());
                    s.max = value(result, at + 3, s.column.type());
                    s.mean = finite(result, at + 4);
                    s.stddev = finite(result, at + 5);
                }
            }
        }
        return rowCount;
    }

    private static void countDistinct(Statement statement, String alias, List<Column> schema, List<Stats> stats)
            throws SQLException {
        List<Stats> exact =
                stats.stream().filter(s -> !s.approximate && s.nonNull > 0).toList();
        for (List<Stats> batch : batches(exact, BATCH, schema)) {
            String sql = ProfileSql.exactDistinct(
                    alias, schema, batch.stream().map(s -> s.column).toList());
            try (ResultSet result = statement.executeQuery(sql)) {
                result.next();
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).distinct = result.getLong(i + 1);
                }
            }
        }
    }

    /** The stats in runs of at most {@code size}, each within one of the dataset's tables. */
    private static List<List<Stats>> batches(List<Stats> stats, int size, List<Column> schema) {
        List<List<Stats>> batches = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= stats.size(); i++) {
            if (i == stats.size()
                    || i - from == size
                    || StorageSql.tableOf(schema, stats.get(i).column)
                            != StorageSql.tableOf(schema, stats.get(from).column)) {
                batches.add(stats.subList(from, i));
                from = i;
            }
        }
        return batches;
    }

    private static void distribute(DuckDBConnection connection, String alias, List<Column> schema, List<Stats> stats)
            throws SQLException {
        List<Stats> histograms = new ArrayList<>();
        List<Stats> tops = new ArrayList<>();
        for (Stats s : stats) {
            if (s.nonNull == 0) {
                continue;
            }
            ColumnType type = s.column.type();
            if (s.min != null && s.max != null && (type.isNumeric() || type.isTemporal())) {
                double low = axis(s.min);
                double high = axis(s.max);
                if (Double.isFinite(low) && Double.isFinite(high)) {
                    s.axisMin = low;
                    s.axisRange = high - low;
                    s.bins = new long[s.axisRange > 0 ? ColumnProfile.BINS : 1];
                    if (s.axisRange > 0) {
                        histograms.add(s);
                    } else {
                        s.bins[0] = s.nonNull;
                    }
                }
            } else if (type.type() == DataType.VARCHAR || type.type() == DataType.BOOLEAN) {
                tops.add(s);
            }
        }
        for (List<Stats> batch : batches(histograms, BATCH, schema)) {
            distribute(connection, alias, schema, batch, List.of());
        }
        for (List<Stats> batch : batches(tops, BATCH, schema)) {
            distribute(connection, alias, schema, List.of(), batch);
        }
        Comparator<TopValue> order =
                Comparator.comparingLong(TopValue::count).reversed().thenComparing(TopValue::value);
        for (Stats s : tops) {
            s.top.sort(order);
        }
    }

    private static void distribute(
            DuckDBConnection connection, String alias, List<Column> schema, List<Stats> histograms, List<Stats> tops)
            throws SQLException {
        String sql = ProfileSql.distribution(
                alias,
                schema,
                histograms.stream().map(s -> s.column).toList(),
                tops.stream().map(s -> s.column).toList());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (Stats s : histograms) {
                statement.setDouble(parameter++, s.axisMin);
                statement.setDouble(parameter++, s.axisRange);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    int col = result.getInt(1);
                    long count = result.getLong(4);
                    if (col < histograms.size()) {
                        long[] bins = histograms.get(col).bins;
                        int bin = Math.max(0, Math.min(ColumnProfile.BINS - 1, result.getInt(2)));
                        bins[bin] += count;
                    } else {
                        tops.get(col - histograms.size()).top.add(new TopValue(result.getString(3), count));
                    }
                }
            }
        }
    }

    private static ColumnProfile toProfile(Stats s, long rowCount) {
        return new ColumnProfile(
                s.column.name(),
                s.column.type(),
                rowCount - s.nonNull,
                s.distinct,
                s.approximate,
                Optional.ofNullable(s.min),
                Optional.ofNullable(s.max),
                Optional.ofNullable(s.mean),
                Optional.ofNullable(s.stddev),
                s.top,
                bins(s));
    }

    private static List<Bin> bins(Stats s) {
        if (s.bins == null) {
            return List.of();
        }
        boolean temporal = s.column.type().isTemporal();
        List<Bin> bins = new ArrayList<>(s.bins.length);
        for (int i = 0; i < s.bins.length; i++) {
            double lo = s.axisMin + s.axisRange * i / s.bins.length;
            double hi = i == s.bins.length - 1
                    ? s.axisMin + s.axisRange
                    : s.axisMin + s.axisRange * (i + 1) / s.bins.length;
            bins.add(new Bin(edge(lo, temporal), edge(hi, temporal), s.bins[i]));
        }
        return bins;
    }

    private static Object edge(double axis, boolean temporal) {
        if (!temporal) {
            return axis;
        }
        long micros = Math.round(axis);
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    /** A bound on the histogram axis: the number itself, or microseconds since 1970. */
    private static double axis(Object value) {
        return switch (value) {
            case Long l -> l;
            case Double d -> d;
            case BigDecimal b -> b.doubleValue();
            case LocalDate date -> (double) date.toEpochDay() * MICROS_PER_DAY;
            case LocalDateTime time -> time.toEpochSecond(ZoneOffset.UTC) * 1e6 + time.getNano() / 1000;
            default -> Double.NaN;
        };
    }

    private static @Nullable Object value(ResultSet result, int index, ColumnType type) throws SQLException {
        Object value = switch (type.type()) {
            case BIGINT -> result.getLong(index);
            case DECIMAL -> result.getBigDecimal(index);
            case DOUBLE -> result.getDouble(index);
            case BOOLEAN -> null;
            case DATE -> result.getObject(index, LocalDate.class);
            case TIMESTAMP -> result.getObject(index, LocalDateTime.class);
            case VARCHAR -> result.getString(index);
        };
        return result.wasNull() ? null : value;
    }

    private static @Nullable Double finite(ResultSet result, int index) throws SQLException {
        double value = result.getDouble(index);
        return result.wasNull() || !Double.isFinite(value) ? null : value;
    }
}
