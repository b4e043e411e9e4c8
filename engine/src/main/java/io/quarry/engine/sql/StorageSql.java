package io.quarry.engine.sql;

import io.quarry.engine.Column;
import io.quarry.engine.SortKey;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * SQL of the embedded storage layer. Every dataset is a DuckDB file attached under the alias {@code ds_<id>}, with a
 * table {@code rows} whose columns are named {@code c0..cN} (never header text) and a table {@code rejects}.
 *
 * <p>A dataset of more than {@value #MAX_TABLE_COLUMNS} columns keeps them in tables of {@value #GROUP_COLUMNS}
 * columns each, {@code rows_0}, {@code rows_1}, ... (DuckDB's load of one very wide table runs out of memory), and
 * {@code rows} is a view that joins them by position. A query reads only the tables of the columns it names, through
 * {@link #rows(String, List, Collection)}: a view over a hundred tables costs most of a second to plan.
 */
public final class StorageSql {

    /** The most columns a dataset keeps in one table. */
    public static final int MAX_TABLE_COLUMNS = 1_000;

    /** The columns of each table of a dataset wider than {@value #MAX_TABLE_COLUMNS} columns. */
    public static final int GROUP_COLUMNS = 100;

    private StorageSql() {}

    /** How many tables hold the rows of a dataset with this many columns. */
    public static int tableCount(int columnCount) {
        return columnCount <= MAX_TABLE_COLUMNS ? 1 : (columnCount + GROUP_COLUMNS - 1) / GROUP_COLUMNS;
    }

    /** The columns that table {@code table} holds, of a dataset with these columns. */
    public static List<Column> tableColumns(List<Column> columns, int table) {
        if (tableCount(columns.size()) == 1) {
            return columns;
        }
        return columns.subList(table * GROUP_COLUMNS, Math.min(columns.size(), (table + 1) * GROUP_COLUMNS));
    }

    /** The index of the table that holds the column, of a dataset with columns {@code schema}. */
    public static int tableOf(List<Column> schema, Column column) {
        return tableCount(schema.size()) == 1 ? 0 : column.position() / GROUP_COLUMNS;
    }

    /**
     * The relation to read columns {@code used} of a dataset with columns {@code schema} from: the table {@code rows}
     * of a dataset kept in one table; else only the tables holding those columns (the first when none is named),
     * joined by position, with the row id of the first as the column {@code rowid}.
     */
    public static String rows(String alias, List<Column> schema, Collection<Column> used) {
        if (tableCount(schema.size()) == 1) {
            return Sql.identifier(alias) + ".rows";
        }
        TreeSet<Integer> tables = new TreeSet<>();
        used.forEach(column -> tables.add(tableOf(schema, column)));
        if (tables.isEmpty()) {
            tables.add(0);
        }
        if (tables.size() == 1) {
            return table(alias, tables.first());
        }
        StringJoiner joined = new StringJoiner(
                " POSITIONAL JOIN ", "(SELECT " + table(alias, tables.first()) + ".rowid AS rowid, * FROM ", ")");
        tables.forEach(table -> joined.add(table(alias, table)));
        return joined.toString();
    }

    private static String table(String alias, int table) {
        return Sql.identifier(alias) + "." + Sql.identifier("rows_" + table);
    }

    /** The physical column name of a column. */
    public static String physical(Column column) {
        return Sql.identifier("c" + column.position());
    }

    public static String attach(String file, String alias, boolean readOnly) {
        return "ATTACH " + Sql.literal(file) + " AS " + Sql.identifier(alias) + (readOnly ? " (READ_ONLY)" : "");
    }

    public static String detach(String alias) {
        return "DETACH " + Sql.identifier(alias);
    }

    /**
     * Loads table {@code table} from a CSV in the canonical dialect holding its columns (see {@link #tableColumns}),
     * with the types the ingest decided. Any mismatch is an error, never a cast.
     */
    public static String createRows(
            String alias, int table, String canonicalCsv, List<Column> schema, long maxLineBytes) {
        StringJoiner types = new StringJoiner(", ", "{", "}");
        for (Column column : tableColumns(schema, table)) {
            types.add(Sql.literal("c" + column.position()) + ": "
                    + Sql.literal(column.type().toString()));
        }
        String name = tableCount(schema.size()) == 1 ? Sql.identifier(alias) + ".rows" : table(alias, table);
        return "CREATE TABLE " + name + " AS SELECT * FROM read_csv(" + Sql.literal(canonicalCsv)
                + ", auto_detect = false, header = true, delim = ',', quote = '\"', escape = '\"', new_line = '\\n',"
                + " columns = " + types + ", allow_quoted_nulls = false, strict_mode = true, null_padding = false,"
                + " ignore_errors = false, max_line_size = " + maxLineBytes + ")";
    }

    /**
     * The view {@code rows} over the tables of a dataset kept in several: their columns side by side, row by row, with
     * the row id of the first as the column {@code rowid}. It names the tables without the alias, so it works under
     * any alias the file is attached as.
     */
    public static String createRowsView(String alias, int columnCount) {
        StringJoiner joined = new StringJoiner(
                " POSITIONAL JOIN ",
                "CREATE VIEW " + Sql.identifier(alias) + ".rows AS SELECT " + Sql.identifier("rows_0")
                        + ".rowid AS rowid, * FROM ",
                "");
        for (int table = 0; table < tableCount(columnCount); table++) {
            joined.add(Sql.identifier("rows_" + table));
        }
        return joined.toString();
    }

    public static String createRejects(String alias, String rejectsCsv, long maxLineBytes) {
        return "CREATE TABLE " + Sql.identifier(alias) + ".rejects AS SELECT * FROM read_csv(" + Sql.literal(rejectsCsv)
                + ", auto_detect = false, header = false, delim = ',', quote = '\"', escape = '\"', new_line = '\\n',"
                + " columns = {'line': 'BIGINT', 'reason': 'VARCHAR', 'raw': 'VARCHAR'}, allow_quoted_nulls = false,"
                + " strict_mode = true, max_line_size = " + maxLineBytes + ")";
    }

    /** The row count of table {@code table} of the dataset's rows. */
    public static String countRows(String alias, List<Column> schema, int table) {
        return "SELECT count(*) FROM " + rows(alias, schema, tableColumns(schema, table));
    }

    /**
     * The 0-based positions of the rows that pass the condition, in sort order with ties broken by position.
     *
     * @param rows the relation to read, from {@link #rows(String, List, Collection)}
     */
    public static String selectPositions(String rows, String condition, List<Column> sortColumns, List<SortKey> sort) {
        StringBuilder sql = new StringBuilder("SELECT rowid FROM ").append(rows);
        if (!condition.isEmpty()) {
            sql.append(" WHERE ").append(condition);
        }
        if (!sort.isEmpty()) {
            sql.append(" ORDER BY ");
            for (int i = 0; i < sort.size(); i++) {
                sql.append(physical(sortColumns.get(i)))
                        .append(sort.get(i).descending() ? " DESC" : " ASC")
                        .append(" NULLS LAST, ");
            }
            sql.append("rowid");
        }
        return sql.toString();
    }

    public static String selectRejects(String alias) {
        return "SELECT line, reason, raw FROM " + Sql.identifier(alias) + ".rejects ORDER BY line LIMIT ? OFFSET ?";
    }

    public static String countRejects(String alias) {
        return "SELECT count(*) FROM " + Sql.identifier(alias) + ".rejects";
    }
}
