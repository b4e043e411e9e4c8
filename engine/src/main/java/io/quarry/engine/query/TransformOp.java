package io.quarry.engine.query;

import java.util.Locale;

/** The transforms a chart can ask for, by their wire names. */
public enum TransformOp {
    BIN("bin"),
    BIN_COUNT("binCount"),
    LOG("log"),
    LOG2("log2"),
    LOG10("log10"),
    ONE("one"),
    DATE_TIME_DRILL("dateTimeDrill"),
    DATE_TIME_FEATURE("dateTimeFeature"),
    PAINT("paint"),
    EXPR("expr");

    private final String wireName;

    TransformOp(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @throws io.quarry.engine.QuarryException {@code QUERY_INVALID} for a name that is not a transform */
    public static TransformOp fromWire(String name) {
        for (TransformOp op : values()) {
            if (op.wireName.equals(name) || op.wireName.toLowerCase(Locale.ROOT).equals(name)) {
                return op;
            }
        }
        throw Wire.unknown("transform", name);
    }
}
