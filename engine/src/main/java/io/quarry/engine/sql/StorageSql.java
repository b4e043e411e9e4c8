package io.quarry.engine.sql;

import io.quarry.engine.Column;
import io.quarry.engine.SortKey;
import java.util.List;
import java.util.StringJoiner;

/**
 * SQL of the embedded storage layer. Every dataset is a DuckDB file attached under the alias {@code ds_<id>}, with a
 * table {@code rows} whose columns are named {@code c0..cN} (never header text) and a table {@code rejects}.
 */
public final class StorageSql {

    private StorageSql() {}

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

    /** Loads the canonical CSV the ingest wrote, with the types it decided. Any mismatch is an error, never a cast. */
    public static String createRows(String alias, String canonicalCsv, List<Column> columns, long maxLineBytes) {
        StringJoiner types = new StringJoiner(", ", "{", "}");
        for (Column column : columns) {
            types.add(Sql.literal("c" + column.position()) + ": "
                    + Sql.literal(column.type().toString()));
        }
        return "CREATE TABLE " + Sql.identifier(alias) + ".rows AS SELECT * FROM read_csv(" + Sql.literal(canonicalCsv)
                + ", auto_detect = false, header = true, delim = ',', quote = '\"', escape = '\"', new_line = '\\n',"
                + " columns = " + types + ", allow_quoted_nulls = false, strict_mode = true, null_padding = false,"
                + " ignore_errors = false, max_line_size = " + maxLineBytes + ")";
    }

    public static String createRejects(String alias, String rejectsCsv, long maxLineBytes) {
        return "CREATE TABLE " + Sql.identifier(alias) + ".rejects AS SELECT * FROM read_csv(" + Sql.literal(rejectsCsv)
                + ", auto_detect = false, header = false, delim = ',', quote = '\"', escape = '\"', new_line = '\\n',"
                + " columns = {'line': 'BIGINT', 'reason': 'VARCHAR', 'raw': 'VARCHAR'}, allow_quoted_nulls = false,"
                + " strict_mode = true, max_line_size = " + maxLineBytes + ")";
    }

    public static String countRows(String alias) {
        return "SELECT count(*) FROM " + Sql.identifier(alias) + ".rows";
    }

    /** The 0-based positions of the rows that pass the condition, in sort order with ties broken by position. */
    public static String selectPositions(String alias, String condition, List<Column> sortColumns, List<SortKey> sort) {
        StringBuilder sql = new StringBuilder("SELECT rowid FROM ")
                .append(Sql.identifier(alias))
                .append(".rows");
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
