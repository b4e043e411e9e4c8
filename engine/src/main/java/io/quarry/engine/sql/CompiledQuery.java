package io.quarry.engine.sql;

import java.util.List;

/**
 * A chart workflow as one SQL query.
 *
 * @param sql the query, with {@code ?} placeholders
 * @param parameters the values to bind, in order ({@link SqlArray} for a list)
 * @param fields the result columns in order: the field id each one answers and how to read it
 * @param fetch rows to read at most
 * @param cappedAbove when more than this many rows come back, the extra row(s) are dropped and the result is capped;
 *     {@code Long.MAX_VALUE} when the workflow's own limit applies
 * @param warnings what the user should know about the workflow
 */
public record CompiledQuery(
        String sql,
        List<Object> parameters,
        List<ResultField> fields,
        long fetch,
        long cappedAbove,
        List<String> warnings) {

    public CompiledQuery {
        parameters = List.copyOf(parameters);
        fields = List.copyOf(fields);
        warnings = List.copyOf(warnings);
    }

    /** A result column: the field id it answers and what kind of values it holds. */
    public record ResultField(String fid, FieldKind kind) {}

    /** How a field's values read. Temporal fields come back from the query already as epoch milliseconds. */
    public enum FieldKind {
        NUMBER,
        TEXT,
        BOOLEAN,
        TEMPORAL,
        BIN
    }
}
