package io.quarry.engine;

/** The logical types a column can have. A type is chosen only when every value of the column converts exactly. */
public enum DataType {
    BIGINT,
    DECIMAL,
    DOUBLE,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    VARCHAR
}
