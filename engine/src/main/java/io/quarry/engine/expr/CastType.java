package io.quarry.engine.expr;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The types {@code CAST(x AS type)} may name, with the spellings each accepts. A failed cast gives null. */
public enum CastType {
    DOUBLE(ValueType.NUMBER, "double", "double precision", "float", "float8", "real", "decimal", "numeric"),
    BIGINT(ValueType.NUMBER, "bigint", "integer", "int", "int8", "int4"),
    VARCHAR(ValueType.TEXT, "varchar", "text", "string"),
    BOOLEAN(ValueType.BOOLEAN, "boolean", "bool"),
    DATE(ValueType.TEMPORAL, "date"),
    TIMESTAMP(ValueType.TEMPORAL, "timestamp");

    private final ValueType result;
    private final List<String> spellings;

    CastType(ValueType result, String... spellings) {
        this.result = result;
        this.spellings = List.of(spellings);
    }

    public ValueType result() {
        return result;
    }

    static @Nullable CastType of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (CastType type : values()) {
            if (type.spellings.contains(lower)) {
                return type;
            }
        }
        return null;
    }

    static String allowed() {
        return "double, bigint, varchar, boolean, date or timestamp";
    }
}
