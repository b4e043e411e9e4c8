package io.quarry.engine.tck;

import io.quarry.engine.Filter;
import io.quarry.engine.SortKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The rows the read contract promises, computed in plain Java from {@link ReadData}: the filter, search and sort
 * semantics written out once, independently of any engine.
 */
final class ReadExpectation {

    private ReadExpectation() {}

    /** The positions (1-based) of the rows that pass every filter and the search, in the order of the sort keys. */
    static List<Long> positions(List<List<Object>> rows, List<Filter> filters, String search, List<SortKey> sort) {
        Predicate<List<Object>> pass =
                row -> filters.stream().allMatch(filter -> matches(filter, row)) && matchesSearch(search, row);
        return IntStream.range(0, rows.size())
                .filter(index -> pass.test(rows.get(index)))
                .boxed()
                .sorted(order(rows, sort))
                .map(index -> index + 1L)
                .toList();
    }

    /** Sort keys with nulls last in both directions, then the position in the file. */
    static Comparator<Integer> order(List<List<Object>> rows, List<SortKey> sort) {
        Comparator<Integer> order = (a, b) -> 0;
        for (SortKey key : sort) {
            int column = ReadData.column(key.column().toLowerCase(Locale.ROOT));
            order = order.thenComparing(index -> rows.get(index).get(column), nullsLast(key.descending()));
        }
        return order.thenComparing(Comparator.naturalOrder());
    }

    static boolean matches(Filter filter, List<Object> row) {
        int column = ReadData.column(filter.column().toLowerCase(Locale.ROOT));
        Object value = row.get(column);
        List<Object> operands =
                filter.values().stream().map(text -> typed(column, text)).toList();
        return switch (filter.op()) {
            case EQ -> value != null && compare(value, operands.get(0)) == 0;
            case NE -> value == null || compare(value, operands.get(0)) != 0;
            case LT -> value != null && compare(value, operands.get(0)) < 0;
            case LE -> value != null && compare(value, operands.get(0)) <= 0;
            case GT -> value != null && compare(value, operands.get(0)) > 0;
            case GE -> value != null && compare(value, operands.get(0)) >= 0;
            case BETWEEN ->
                value != null && compare(value, operands.get(0)) >= 0 && compare(value, operands.get(1)) <= 0;
            case IN -> value != null && operands.stream().anyMatch(operand -> compare(value, operand) == 0);
            case NOT_IN -> value == null || operands.stream().noneMatch(operand -> compare(value, operand) == 0);
            case IS_NULL -> value == null;
            case IS_NOT_NULL -> value != null;
            case CONTAINS -> value != null && fold(value, filter).contains(fold(operands.get(0), filter));
            case STARTS_WITH -> value != null && fold(value, filter).startsWith(fold(operands.get(0), filter));
            case REGEX -> value != null && regex(filter).matcher((String) value).find();
        };
    }

    /** True when every word of {@code search} is in at least one text column, ignoring case. */
    static boolean matchesSearch(String search, List<Object> row) {
        for (String word : search.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            String lower = word.toLowerCase(Locale.ROOT);
            boolean found = row.stream()
                    .filter(String.class::isInstance)
                    .anyMatch(text -> ((String) text).toLowerCase(Locale.ROOT).contains(lower));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** A filter value read as the Java type of a generated column, as the contract describes for each type. */
    static Object typed(int column, String text) {
        String value = text.strip();
        return switch (ReadData.COLUMNS.get(column)) {
            case "id", "n" -> Long.valueOf(value);
            case "price" -> new BigDecimal(value);
            case "ratio" -> Double.valueOf(value);
            case "flag" -> Boolean.valueOf(value.toLowerCase(Locale.ROOT));
            case "day" -> LocalDate.parse(value);
            case "at" ->
                value.length() == 10
                        ? LocalDate.parse(value).atStartOfDay()
                        : LocalDateTime.parse(value.replace(' ', 'T'));
            default -> text;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object value, Object operand) {
        return ((Comparable) value).compareTo(Objects.requireNonNull(operand));
    }

    private static String fold(Object text, Filter filter) {
        return filter.caseSensitive() ? (String) text : ((String) text).toLowerCase(Locale.ROOT);
    }

    private static Pattern regex(Filter filter) {
        int flags = filter.caseSensitive() ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        return Pattern.compile(filter.values().get(0), flags);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object> nullsLast(boolean descending) {
        Comparator<Object> natural = (a, b) -> ((Comparable) a).compareTo(b);
        return Comparator.nullsLast(descending ? natural.reversed() : natural);
    }
}
