package io.quarry.engine.sql;

import io.quarry.engine.Column;
import io.quarry.engine.ColumnProfile;
import io.quarry.engine.DataType;
import java.util.List;
import java.util.StringJoiner;

/**
 * SQL of column profiles, over the {@code rows} table of an attached dataset (see {@link StorageSql}). A profile takes
 * three statements whatever the number of columns: {@link #summary}, {@link #exactDistinct} and {@link #distribution}.
 */
public final class ProfileSql {

    /** The values {@link #summary} selects per column, after the row count. */
    public static final int SUMMARY_WIDTH = 6;

    private ProfileSql() {}

    /**
     * One row: {@code count(*)}, then per column {@link #SUMMARY_WIDTH} values: non-null count, approximate distinct
     * count, min, max, mean and population standard deviation (NULL where they do not apply: min and max of a boolean,
     * mean and deviation of anything but a number).
     */
    public static String summary(String alias, List<Column> schema, List<Column> columns) {
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + StorageSql.rows(alias, schema, columns));
        select.add("count(*)");
        for (Column column : columns) {
            String c = StorageSql.physical(column);
            boolean ordered = column.type().type() != DataType.BOOLEAN;
            boolean numeric = column.type().isNumeric();
            select.add("count(" + c + ")");
            select.add("approx_count_distinct(" + c + ")");
            select.add(ordered ? "min(" + c + ")" : "NULL");
            select.add(ordered ? "max(" + c + ")" : "NULL");
            select.add(numeric ? "avg(CAST(" + c + " AS DOUBLE))" : "NULL");
            select.add(numeric ? "stddev_pop(CAST(" + c + " AS DOUBLE))" : "NULL");
        }
        return select.toString();
    }

    /** One row: the exact distinct count of each column, in order. */
    public static String exactDistinct(String alias, List<Column> schema, List<Column> columns) {
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + StorageSql.rows(alias, schema, columns));
        for (Column column : columns) {
            select.add("count(DISTINCT " + StorageSql.physical(column) + ")");
        }
        return select.toString();
    }

    /**
     * Rows of {@code (col, bin, value, n)}: {@code col} is the index of the column in the lists; for each histogram
     * column the non-empty bins ({@code value} NULL), for each top-values column its {@link ColumnProfile#TOP_VALUES}
     * most frequent values ({@code bin} NULL). Binds two parameters per histogram column, in order: its lower bound
     * and its range (max - min, greater than 0), both as numbers: the value of a number column, microseconds since
     * 1970 for a date or timestamp.
     */
    public static String distribution(
            String alias, List<Column> schema, List<Column> histograms, List<Column> topValues) {
        StringJoiner union = new StringJoiner(" UNION ALL ");
        for (int i = 0; i < histograms.size(); i++) {
            Column column = histograms.get(i);
            String c = StorageSql.physical(column);
            union.add("SELECT " + i + " AS col, CAST(least(" + (ColumnProfile.BINS - 1) + ", floor((" + binAxis(column)
                    + " - ?) * " + ColumnProfile.BINS + " / ?)) AS INTEGER) AS bin, CAST(NULL AS VARCHAR) AS value,"
                    + " count(*) AS n FROM " + StorageSql.rows(alias, schema, List.of(column)) + " WHERE " + c
                    + " IS NOT NULL GROUP BY bin");
        }
        for (int i = 0; i < topValues.size(); i++) {
            Column column = topValues.get(i);
            String c = StorageSql.physical(column);
            union.add("SELECT * FROM (SELECT " + (histograms.size() + i) + " AS col, CAST(NULL AS INTEGER) AS bin,"
                    + " CAST(" + c + " AS VARCHAR) AS value, count(*) AS n FROM "
                    + StorageSql.rows(alias, schema, List.of(column)) + " WHERE " + c
                    + " IS NOT NULL GROUP BY " + c + " ORDER BY n DESC, " + c + " ASC LIMIT "
                    + ColumnProfile.TOP_VALUES + ")");
        }
        return union.toString();
    }

    /**
     * The axis a histogram is cut on, as a DOUBLE: the value of a number, the microseconds since 1970 of a date or
     * timestamp.
     */
    private static String binAxis(Column column) {
        String c = StorageSql.physical(column);
        return column.type().isTemporal()
                ? "CAST(epoch_us(CAST(" + c + " AS TIMESTAMP)) AS DOUBLE)"
                : "CAST(" + c + " AS DOUBLE)";
    }
}
