package io.quarry.engine.duckdb;

import io.quarry.engine.sql.SqlArray;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds a compiled query's parameters; an {@link SqlArray} becomes one {@code VARCHAR[]} parameter. */
final class Parameters {

    private Parameters() {}

    /** @return the index of the next placeholder */
    static int bind(PreparedStatement statement, List<Object> parameters, int first) throws SQLException {
        int index = first;
        for (Object parameter : parameters) {
            if (parameter instanceof SqlArray array) {
                statement.setObject(
                        index++,
                        statement
                                .getConnection()
                                .createArrayOf("VARCHAR", array.values().toArray()));
            } else {
                statement.setObject(index++, parameter);
            }
        }
        return index;
    }
}
