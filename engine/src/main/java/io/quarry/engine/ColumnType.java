package io.quarry.engine;

/**
 * A column's type; {@code precision} and {@code scale} matter only for {@link DataType#DECIMAL} and are 0 otherwise.
 */
public record ColumnType(DataType type, int precision, int scale) {

    public static final ColumnType BIGINT = new ColumnType(DataType.BIGINT, 0, 0);
    public static final ColumnType DOUBLE = new ColumnType(DataType.DOUBLE, 0, 0);
    public static final ColumnType BOOLEAN = new ColumnType(DataType.BOOLEAN, 0, 0);
    public static final ColumnType DATE = new ColumnType(DataType.DATE, 0, 0);
    public static final ColumnType TIMESTAMP = new ColumnType(DataType.TIMESTAMP, 0, 0);
    public static final ColumnType VARCHAR = new ColumnType(DataType.VARCHAR, 0, 0);

    public static final int MAX_DECIMAL_PRECISION = 38;

    public ColumnType {
        if (type == DataType.DECIMAL) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("bad decimal precision/scale: " + precision + "," + scale);
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException("precision and scale apply only to DECIMAL");
        }
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(DataType.DECIMAL, precision, scale);
    }

    /** Parses what {@link #toString()} prints, e.g. {@code BIGINT} or {@code DECIMAL(9,2)}. */
    public static ColumnType parse(String text) {
        if (text.startsWith("DECIMAL(") && text.endsWith(")")) {
            String[] parts = text.substring(8, text.length() - 1).split(",", -1);
            return decimal(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        }
        return new ColumnType(DataType.valueOf(text), 0, 0);
    }

    public boolean isNumeric() {
        return type == DataType.BIGINT || type == DataType.DECIMAL || type == DataType.DOUBLE;
    }

    public boolean isTemporal() {
        return type == DataType.DATE || type == DataType.TIMESTAMP;
    }

    @Override
    public String toString() {
        return type == DataType.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : type.name();
    }
}
