package io.quarry.engine.sql;

import io.quarry.engine.Column;
import io.quarry.engine.ColumnType;
import io.quarry.engine.DataType;
import io.quarry.engine.EngineError;
import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import io.quarry.engine.QuarryException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Compiles page filters and a free-text search into one parameterised condition. Columns are the schema's own (the
 * caller resolved them); values are parsed by the column's type and bound, never spliced into the SQL.
 */
public final class FilterCompiler {

    private FilterCompiler() {}

    /** A filter whose column has been resolved against the schema. */
    public record ResolvedFilter(Column column, Filter filter) {}

    /**
     * @param alias the attached database of the dataset, which a search of a dataset kept in several tables reads
     *     table by table
     */
    public static Condition compile(String alias, List<ResolvedFilter> filters, String search, List<Column> columns) {
        StringJoiner sql = new StringJoiner(" AND ");
        List<Object> parameters = new ArrayList<>();
        for (ResolvedFilter resolved : filters) {
            sql.add("(" + compile(resolved.column(), resolved.filter(), parameters) + ")");
        }
        for (String word : search.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                sql.add("(" + searchWord(alias, word, columns, parameters) + ")");
            }
        }
        return new Condition(sql.toString(), parameters);
    }

    private static String compile(Column column, Filter filter, List<Object> parameters) {
        String c = StorageSql.physical(column);
        FilterOp op = filter.op();
        if (op.isText() && column.type().type() != DataType.VARCHAR) {
            throw new QuarryException(
                    EngineError.INVALID_FILTER,
                    "The " + opName(op) + " filter works on text columns; \"" + column.name() + "\" holds "
                            + column.type() + " values.");
        }
        return switch (op) {
            case EQ -> bind(c + " = ?", column, filter.values(), parameters);
            case NE -> bind(c + " IS DISTINCT FROM ?", column, filter.values(), parameters);
            case LT -> bind(c + " < ?", column, filter.values(), parameters);
            case LE -> bind(c + " <= ?", column, filter.values(), parameters);
            case GT -> bind(c + " > ?", column, filter.values(), parameters);
            case GE -> bind(c + " >= ?", column, filter.values(), parameters);
            case BETWEEN -> bind(c + " BETWEEN ? AND ?", column, filter.values(), parameters);
            case IN -> c + " IN (" + list(column, filter.values(), parameters) + ")";
            case NOT_IN -> c + " IS NULL OR " + c + " NOT IN (" + list(column, filter.values(), parameters) + ")";
            case IS_NULL -> c + " IS NULL";
            case IS_NOT_NULL -> c + " IS NOT NULL";
            case CONTAINS -> like(c, "%" + escapeLike(filter.values().get(0)) + "%", filter, parameters);
            case STARTS_WITH -> like(c, escapeLike(filter.values().get(0)) + "%", filter, parameters);
            case REGEX -> {
                parameters.add(filter.values().get(0));
                yield "regexp_matches(" + c + ", ?" + (filter.caseSensitive() ? "" : ", 'i'") + ")";
            }
        };
    }

    private static String like(String c, String pattern, Filter filter, List<Object> parameters) {
        parameters.add(pattern);
        return c + (filter.caseSensitive() ? " LIKE" : " ILIKE") + " ? ESCAPE '\\'";
    }

    /**
     * Whether any text column holds the word. Of a dataset kept in several tables, each table is searched on its own
     * for the row ids it matches: one scan of all of them at once would hold every column in memory.
     */
    private static String searchWord(String alias, String word, List<Column> columns, List<Object> parameters) {
        int tables = StorageSql.tableCount(columns.size());
        if (tables == 1) {
            return anyHolds(word, columns, parameters);
        }
        StringJoiner matches = new StringJoiner(" UNION ALL ", "rowid IN (", ")").setEmptyValue("false");
        for (int table = 0; table < tables; table++) {
            List<Column> held = StorageSql.tableColumns(columns, table);
            if (held.stream().anyMatch(column -> column.type().type() == DataType.VARCHAR)) {
                matches.add("SELECT rowid FROM " + StorageSql.rows(alias, columns, held) + " WHERE "
                        + anyHolds(word, held, parameters));
            }
        }
        return matches.toString();
    }

    private static String anyHolds(String word, List<Column> columns, List<Object> parameters) {
        StringJoiner any = new StringJoiner(" OR ");
        for (Column column : columns) {
            if (column.type().type() == DataType.VARCHAR) {
                parameters.add("%" + escapeLike(word) + "%");
                any.add(StorageSql.physical(column) + " ILIKE ? ESCAPE '\\'");
            }
        }
        return any.length() == 0 ? "false" : any.toString();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String bind(String sql, Column column, List<String> values, List<Object> parameters) {
        for (String value : values) {
            parameters.add(typed(column, value));
        }
        return sql;
    }

    /** The values as one array parameter, each checked by the column's type and cast to it in SQL. */
    private static String list(Column column, List<String> values, List<Object> parameters) {
        List<String> canonical = new ArrayList<>(values.size());
        for (String value : values) {
            Object typed = typed(column, value);
            canonical.add(typed instanceof BigDecimal decimal ? decimal.toPlainString() : typed.toString());
        }
        parameters.add(new SqlArray(canonical));
        return "SELECT unnest(CAST(? AS " + column.type() + "[]))";
    }

    /** The value read by the column's type, as a JDBC parameter. */
    static Object typed(Column column, String value) {
        ColumnType type = column.type();
        try {
            return switch (type.type()) {
                case BIGINT -> Long.parseLong(value.strip());
                case DECIMAL, DOUBLE -> new BigDecimal(value.strip());
                case BOOLEAN -> bool(column, value.strip());
                case DATE -> LocalDate.parse(value.strip());
                case TIMESTAMP -> timestamp(value.strip());
                case VARCHAR -> value;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new QuarryException(
                    EngineError.INVALID_FILTER,
                    "The filter on \"" + column.name() + "\" needs " + expected(type) + ", not \"" + value + "\".");
        }
    }

    private static Boolean bool(Column column, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
        }
        throw new NumberFormatException(column.name());
    }

    private static LocalDateTime timestamp(String value) {
        return value.length() == 10
                ? LocalDate.parse(value).atStartOfDay()
                : LocalDateTime.parse(value.replace(' ', 'T'));
    }

    private static String expected(ColumnType type) {
        return switch (type.type()) {
            case BIGINT -> "a whole number";
            case DECIMAL, DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case DATE -> "a date like 2024-01-31";
            case TIMESTAMP -> "a date and time like 2024-01-31 13:45:00";
            case VARCHAR -> "text";
        };
    }

    private static String opName(FilterOp op) {
        return op.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
