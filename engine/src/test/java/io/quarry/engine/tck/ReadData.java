package io.quarry.engine.tck;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A data set generated from a seed for the read contract: the CSV text the engine ingests and the same values as Java
 * objects, from which the tests compute the rows they expect without any SQL.
 *
 * <p>Columns: {@code id} (BIGINT, 1..n), {@code n} (BIGINT with nulls), {@code price} (DECIMAL with 2 decimals and
 * nulls), {@code ratio} (DOUBLE with nulls), {@code flag} (BOOLEAN in mixed case, with nulls), {@code day} (DATE with
 * nulls), {@code at} (TIMESTAMP, some at midnight, with nulls), {@code name} and {@code note} (text in mixed case with
 * commas, quotes, {@code %}, {@code _}, backslashes, non-ASCII letters and nulls).
 */
final class ReadData {

    static final List<String> COLUMNS = List.of("id", "n", "price", "ratio", "flag", "day", "at", "name", "note");

    static final List<String> NAMES = List.of(
            "Alpha",
            "alpha",
            "ALPHA beta",
            "Bravo, Inc.",
            "say \"hi\"",
            "100% cotton",
            "snake_case",
            "back\\slash",
            "Ünïcode Straße",
            "percent%sign",
            "under_score",
            "plain",
            "O'Brien",
            "50_50",
            "Charlie");

    static final List<String> WORDS = List.of(
            "red", "Green", "BLUE", "apple", "Pear", "a,b", "x\"y", "50%off", "a_b", "c\\d", "ünï", "Zed", "pear");

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final List<List<Object>> rows;
    private final String csv;

    private ReadData(List<List<Object>> rows, String csv) {
        this.rows = rows;
        this.csv = csv;
    }

    /** {@code count} rows from {@code seed}; the same arguments always give the same data. */
    static ReadData generate(long seed, int count) {
        Random random = new Random(seed);
        List<List<Object>> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (int i = 1; i <= count; i++) {
            Long n = maybe(random, 0.15, () -> (long) (random.nextInt(101) - 50));
            BigDecimal price = maybe(random, 0.15, () -> BigDecimal.valueOf(random.nextInt(20_001) - 10_000, 2));
            Double ratio = maybe(random, 0.1, () -> (double) (random.nextInt(1_001) - 500) / 10);
            Boolean flag = maybe(random, 0.1, random::nextBoolean);
            LocalDate day = maybe(random, 0.1, () -> LocalDate.of(2024, 1, 1).plusDays(random.nextInt(60)));
            LocalDateTime at =
                    maybe(random, 0.1, () -> LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(30L * random.nextInt(480)));
            String name = maybe(random, 0.1, () -> NAMES.get(random.nextInt(NAMES.size())));
            String note = maybe(
                    random,
                    0.1,
                    () -> WORDS.get(random.nextInt(WORDS.size())) + " " + WORDS.get(random.nextInt(WORDS.size())));
            rows.add(Arrays.asList((long) i, n, price, ratio, flag, day, at, name, note));
            csv.append(i).append(',');
            csv.append(n == null ? "" : n).append(',');
            csv.append(price == null ? "" : price.toPlainString()).append(',');
            csv.append(ratio == null ? "" : Math.round(ratio * 10) + "e-1").append(',');
            csv.append(flag == null ? "" : mixedCase(random, flag.toString())).append(',');
            csv.append(day == null ? "" : day).append(',');
            csv.append(at == null ? "" : TIMESTAMP.format(at)).append(',');
            csv.append(quoted(name)).append(',');
            csv.append(quoted(note)).append('\n');
        }
        return new ReadData(List.copyOf(rows), csv.toString());
    }

    /** The rows in file order; row {@code i} is at position {@code i + 1}, and its first value is its id. */
    List<List<Object>> rows() {
        return rows;
    }

    String csv() {
        return csv;
    }

    static int column(String name) {
        int index = COLUMNS.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no generated column " + name);
        }
        return index;
    }

    private static <T> T maybe(Random random, double nullShare, Supplier<T> value) {
        T generated = value.get();
        return random.nextDouble() < nullShare ? null : generated;
    }

    private static String mixedCase(Random random, String text) {
        return switch (random.nextInt(3)) {
            case 0 -> text;
            case 1 -> text.toUpperCase(Locale.ROOT);
            default -> Character.toUpperCase(text.charAt(0)) + text.substring(1);
        };
    }

    private static String quoted(String text) {
        return text == null ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
