package io.quarry.engine.duckdb;

import io.quarry.engine.Column;
import io.quarry.engine.Row;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads a result row into plain Java values by the column's type. */
final class ValueReader {

    private ValueReader() {}

    /** The first result column is the row's position, then one per dataset column. */
    static Row row(ResultSet result, List<Column> columns) throws SQLException {
        long position = result.getLong(1);
        List<Object> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            values.add(value(result, i + 2, columns.get(i)));
        }
        return new Row(position, values);
    }

    private static Object value(ResultSet result, int index, Column column) throws SQLException {
        Object value = switch (column.type().type()) {
            case BIGINT -> result.getLong(index);
            case DECIMAL -> result.getBigDecimal(index);
            case DOUBLE -> result.getDouble(index);
            case BOOLEAN -> result.getBoolean(index);
            case DATE -> result.getObject(index, LocalDate.class);
            case TIMESTAMP -> result.getObject(index, LocalDateTime.class);
            case VARCHAR -> result.getString(index);
        };
        return result.wasNull() ? null : value;
    }
}
