package io.quarry.engine;

/**
 * A filter's operator. Comparisons never match nulls; {@link #NE} and {@link #NOT_IN} do match nulls (a null is not
 * equal to the value), as a person reading "price is not 5" expects. The text operators work on text columns and
 * ignore case unless the filter says otherwise.
 */
public enum FilterOp {
    EQ(1, 1),
    NE(1, 1),
    LT(1, 1),
    LE(1, 1),
    GT(1, 1),
    GE(1, 1),
    BETWEEN(2, 2),
    IN(1, Filter.MAX_VALUES),
    NOT_IN(1, Filter.MAX_VALUES),
    IS_NULL(0, 0),
    IS_NOT_NULL(0, 0),
    CONTAINS(1, 1),
    STARTS_WITH(1, 1),
    REGEX(1, 1);

    private final int minValues;
    private final int maxValues;

    FilterOp(int minValues, int maxValues) {
        this.minValues = minValues;
        this.maxValues = maxValues;
    }

    public int minValues() {
        return minValues;
    }

    public int maxValues() {
        return maxValues;
    }

    public boolean isText() {
        return this == CONTAINS || this == STARTS_WITH || this == REGEX;
    }
}
