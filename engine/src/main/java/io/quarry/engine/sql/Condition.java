package io.quarry.engine.sql;

import java.util.List;

/**
 * A compiled WHERE condition: SQL text with {@code ?} placeholders and the values to bind, in order.
 *
 * @param sql empty when there is no condition
 */
public record Condition(String sql, List<Object> parameters) {

    public Condition {
        parameters = List.copyOf(parameters);
    }

    public boolean isEmpty() {
        return sql.isEmpty();
    }
}
