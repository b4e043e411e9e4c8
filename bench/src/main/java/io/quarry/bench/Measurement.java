package io.quarry.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one ingest in a child JVM reports, as one JSON line on its stdout.
 *
 * @param seconds wall time of the ingest alone (no JVM start, no engine open)
 * @param rows rows loaded
 * @param rejected records rejected
 * @param peakRssMb the child's peak resident set (VmHWM) in MiB: JVM heap and native memory of DuckDB together
 * @param profileSeconds Quarry: the column profiles' part of {@code seconds} (its ingest ends with them); plain
 *     DuckDB: a {@code SUMMARIZE} of the loaded table, after {@code seconds}
 */
record Measurement(double seconds, long rows, long rejected, double peakRssMb, double profileSeconds) {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?[0-9.eE+-]+)");

    String toJson() {
        return String.format(
                Locale.ROOT,
                "{\"seconds\":%.4f,\"rows\":%d,\"rejected\":%d,\"peakRssMb\":%.1f,\"profileSeconds\":%.4f}",
                seconds,
                rows,
                rejected,
                peakRssMb,
                profileSeconds);
    }

    /** Parses the flat object written by {@link #toJson()}. */
    static Measurement parse(String json) {
        double seconds = Double.NaN;
        long rows = -1;
        long rejected = -1;
        double peakRssMb = Double.NaN;
        double profileSeconds = Double.NaN;
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            String value = matcher.group(2);
            switch (matcher.group(1)) {
                case "seconds" -> seconds = Double.parseDouble(value);
                case "rows" -> rows = Long.parseLong(value);
                case "rejected" -> rejected = Long.parseLong(value);
                case "peakRssMb" -> peakRssMb = Double.parseDouble(value);
                case "profileSeconds" -> profileSeconds = Double.parseDouble(value);
                default -> {}
            }
        }
        if (Double.isNaN(seconds)
                || rows < 0
                || rejected < 0
                || Double.isNaN(peakRssMb)
                || Double.isNaN(profileSeconds)) {
            throw new IllegalArgumentException("not a measurement: " + json);
        }
        return new Measurement(seconds, rows, rejected, peakRssMb, profileSeconds);
    }
}
