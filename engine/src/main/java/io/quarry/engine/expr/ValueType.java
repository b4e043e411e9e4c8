package io.quarry.engine.expr;

/** What an expression, or a field it reads, holds. */
public enum ValueType {
    NUMBER,
    TEXT,
    BOOLEAN,
    /** Dates and timestamps (a date is midnight UTC of its day). */
    TEMPORAL,
    /** A {@code [lo, hi]} bin: fields of this kind cannot be used in expressions. */
    BIN,
    /** The bare {@code NULL}: fits wherever a value of any other type does. */
    NULL;

    String shown() {
        return switch (this) {
            case NUMBER -> "a number";
            case TEXT -> "text";
            case BOOLEAN -> "true/false";
            case TEMPORAL -> "a date or time";
            case BIN -> "a bin";
            case NULL -> "null";
        };
    }
}
