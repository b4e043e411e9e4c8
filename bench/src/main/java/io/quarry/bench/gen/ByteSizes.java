package io.quarry.bench.gen;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes such as {@code 2MB}, {@code 100MB}, {@code 1.5GB}, {@code 512KB} in decimal units (1 MB = 10^6 B). */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB|GB)");

    private ByteSizes() {}

    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a size looks like 100MB or 1GB, not " + text);
        }
        double number = Double.parseDouble(matcher.group(1));
        long unit = switch (matcher.group(2)) {
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            default -> 1L;
        };
        return Math.round(number * unit);
    }
}
