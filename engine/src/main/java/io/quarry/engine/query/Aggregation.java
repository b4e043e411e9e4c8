package io.quarry.engine.query;

/** The aggregations of an aggregate view, by their wire names. */
public enum Aggregation {
    SUM("sum"),
    COUNT("count"),
    MAX("max"),
    MIN("min"),
    MEAN("mean"),
    MEDIAN("median"),
    VARIANCE("variance"),
    STDEV("stdev"),
    DISTINCT_COUNT("distinctCount"),
    EXPR("expr");

    private final String wireName;

    Aggregation(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @throws io.quarry.engine.QuarryException {@code QUERY_INVALID} for a name that is not an aggregation */
    public static Aggregation fromWire(String name) {
        for (Aggregation aggregation : values()) {
            if (aggregation.wireName.equals(name)) {
                return aggregation;
            }
        }
        throw Wire.unknown("aggregation", name);
    }
}
