package io.quarry.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one column of a dataset holds, computed once from all its rows.
 *
 * @param name the column's API name
 * @param type the column's type
 * @param nullCount rows where the column is null
 * @param distinctCount distinct non-null values; exact unless {@code distinctApproximate}
 * @param distinctApproximate true when the column has so many distinct values that they were estimated
 * @param min the smallest non-null value (Long, BigDecimal, Double, LocalDate, LocalDateTime or String); empty for
 *     booleans and when every value is null
 * @param max the largest non-null value, as {@code min}
 * @param mean the mean of a number column; empty otherwise or when every value is null
 * @param stddev the population standard deviation of a number column; empty as {@code mean}
 * @param topValues for text and boolean columns, the most frequent values (at most {@link #TOP_VALUES}), by count
 *     descending then value ascending; empty otherwise
 * @param histogram for number and date columns, {@link #BINS} bins of equal width from min to max (one bin when min
 *     equals max), whose counts add up to the non-null count; empty otherwise or when every value is null
 */
public record ColumnProfile(
        String name,
        ColumnType type,
        long nullCount,
        long distinctCount,
        boolean distinctApproximate,
        Optional<Object> min,
        Optional<Object> max,
        Optional<Double> mean,
        Optional<Double> stddev,
        List<TopValue> topValues,
        List<Bin> histogram) {

    public static final int BINS = 20;
    public static final int TOP_VALUES = 10;

    public ColumnProfile {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(min);
        Objects.requireNonNull(max);
        Objects.requireNonNull(mean);
        Objects.requireNonNull(stddev);
        topValues = List.copyOf(topValues);
        histogram = List.copyOf(histogram);
        if (nullCount < 0 || distinctCount < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    /** A value of a text or boolean column ({@code true}/{@code false}) and the rows that hold it. */
    public record TopValue(String value, long count) {
        public TopValue {
            Objects.requireNonNull(value);
        }
    }

    /**
     * One histogram bin: values from {@code lo} (inclusive) to {@code hi} (exclusive, except in the last bin). Bounds
     * are Double for numbers, LocalDateTime for dates and timestamps.
     */
    public record Bin(Object lo, Object hi, long count) {
        public Bin {
            Objects.requireNonNull(lo);
            Objects.requireNonNull(hi);
        }
    }
}
