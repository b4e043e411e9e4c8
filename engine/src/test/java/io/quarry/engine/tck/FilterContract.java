package io.quarry.engine.tck;

import static io.quarry.engine.FilterOp.BETWEEN;
import static io.quarry.engine.FilterOp.CONTAINS;
import static io.quarry.engine.FilterOp.EQ;
import static io.quarry.engine.FilterOp.GE;
import static io.quarry.engine.FilterOp.GT;
import static io.quarry.engine.FilterOp.IN;
import static io.quarry.engine.FilterOp.IS_NOT_NULL;
import static io.quarry.engine.FilterOp.IS_NULL;
import static io.quarry.engine.FilterOp.LE;
import static io.quarry.engine.FilterOp.LT;
import static io.quarry.engine.FilterOp.NE;
import static io.quarry.engine.FilterOp.NOT_IN;
import static io.quarry.engine.FilterOp.REGEX;
import static io.quarry.engine.FilterOp.STARTS_WITH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.SortKey;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filters: every operator on every type it applies to, checked against rows computed in Java; case, wildcards and
 * spaces; combinations with sort, search and offset; empty results.
 */
abstract class FilterContract extends ReadContractPart {

    FilterContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.quarry.engine.tck.FilterContract#filters")
    void keepsExactlyTheRowsEachFilterMatches(Filter filter) {
        Dataset dataset = generated();

        assertPage(dataset, List.of(filter), "");
        if (supports(Capability.SORTED_PAGES)) {
            assertPage(dataset, 2, 7, List.of(new SortKey(filter.column(), true)), List.of(filter), "");
        }
    }

    static Stream<Named<Filter>> filters() {
        String at = ReadData.COLUMNS.get(ReadData.column("at"));
        LocalDateTime someTime = (LocalDateTime) DATA.rows().stream()
                .map(row -> row.get(ReadData.column(at)))
                .filter(value -> value != null && ((LocalDateTime) value).getMinute() == 30)
                .findFirst()
                .orElseThrow();
        String spaced = someTime.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        String withT = someTime.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
        String price = existing("price", 3);
        String price2 = existing("price", 7);
        String ratio = existing("ratio", 2);
        String day = existing("day", 4);
        return Stream.of(
                        // BIGINT
                        f("n", EQ, "7"),
                        f("n", EQ, " 7 "),
                        f("n", NE, "7"),
                        f("n", LT, "0"),
                        f("n", LE, "-3"),
                        f("n", GT, "10"),
                        f("n", GE, "10"),
                        f("n", BETWEEN, "-5", "5"),
                        f("n", BETWEEN, "5", "-5"),
                        f("n", IN, "1", "2", "3", "99"),
                        f("n", NOT_IN, "1", "2", "3"),
                        f("n", IS_NULL),
                        f("n", IS_NOT_NULL),
                        f("id", EQ, "150"),
                        f("id", BETWEEN, "100", "110"),
                        f("id", NOT_IN, "1", "300"),
                        // DECIMAL
                        f("price", EQ, price),
                        f(
                                "price",
                                EQ,
                                new BigDecimal(price).stripTrailingZeros().toPlainString()),
                        f("price", EQ, price + "000"),
                        f("price", NE, price),
                        f("price", LT, "0"),
                        f("price", LE, "-50.5"),
                        f("price", GT, "50"),
                        f("price", GE, " 50.00 "),
                        f("price", BETWEEN, "-10", "10.5"),
                        f("price", IN, price, price2, "1.234"),
                        f("price", NOT_IN, price, price2),
                        f("price", IS_NULL),
                        f("price", IS_NOT_NULL),
                        // DOUBLE
                        f("ratio", EQ, ratio),
                        f("ratio", NE, ratio),
                        f("ratio", LT, "-10.5"),
                        f("ratio", GE, "10"),
                        f("ratio", BETWEEN, "-1.5", "1.5"),
                        f("ratio", IN, ratio, "0", "0.05"),
                        f("ratio", NOT_IN, ratio),
                        f("ratio", IS_NULL),
                        // BOOLEAN
                        f("flag", EQ, "true"),
                        f("flag", EQ, "FALSE"),
                        f("flag", EQ, " True "),
                        f("flag", NE, "true"),
                        f("flag", LT, "true"),
                        f("flag", IN, "false"),
                        f("flag", NOT_IN, "false"),
                        f("flag", IS_NULL),
                        f("flag", IS_NOT_NULL),
                        // DATE
                        f("day", EQ, day),
                        f("day", NE, day),
                        f("day", LT, "2024-01-15"),
                        f("day", LE, "2024-01-15"),
                        f("day", GT, "2024-02-20"),
                        f("day", GE, "2024-02-20"),
                        f("day", BETWEEN, "2024-01-10", "2024-01-20"),
                        f("day", IN, day, "2024-01-01", "2025-01-01"),
                        f("day", NOT_IN, day),
                        f("day", IS_NULL),
                        // TIMESTAMP
                        f(at, EQ, spaced),
                        f(at, EQ, withT),
                        f(at, EQ, "2024-01-03"),
                        f(at, NE, spaced),
                        f(at, LT, "2024-01-02T12:00:00"),
                        f(at, GE, "2024-01-05"),
                        f(at, BETWEEN, "2024-01-02", "2024-01-03 00:00:00"),
                        f(at, IN, spaced, "2024-01-04", "2024-01-05 01:30:00"),
                        f(at, NOT_IN, withT),
                        f(at, IS_NOT_NULL),
                        // VARCHAR comparisons: exact and case-sensitive
                        f("name", EQ, "alpha"),
                        f("name", EQ, "Alpha"),
                        f("name", EQ, "ALPHA"),
                        f("name", EQ, "say \"hi\""),
                        f("name", EQ, " plain"),
                        f("name", NE, "alpha"),
                        f("name", LT, "Bravo"),
                        f("name", GE, "a"),
                        f("name", BETWEEN, "A", "C"),
                        f("name", IN, "alpha", "plain", "nope"),
                        f("name", NOT_IN, "alpha", "Alpha"),
                        f("name", IS_NULL),
                        f("note", EQ, "red apple"),
                        // text operators
                        f("name", CONTAINS, "alpha"),
                        sensitive("name", CONTAINS, "alpha"),
                        f("name", CONTAINS, "ÜNÏ"),
                        f("name", CONTAINS, "%"),
                        f("name", CONTAINS, "%s"),
                        f("name", CONTAINS, "_"),
                        f("name", CONTAINS, "e_s"),
                        f("name", CONTAINS, "\\"),
                        f("name", CONTAINS, "\""),
                        f("name", CONTAINS, ","),
                        f("name", CONTAINS, "'"),
                        f("note", CONTAINS, "pear"),
                        sensitive("note", CONTAINS, "Pear"),
                        f("note", CONTAINS, "a,b"),
                        f("note", CONTAINS, "x\"y"),
                        f("note", CONTAINS, "c\\d"),
                        f("note", CONTAINS, "0%o"),
                        f("name", STARTS_WITH, "al"),
                        sensitive("name", STARTS_WITH, "AL"),
                        f("name", STARTS_WITH, "50_"),
                        f("name", STARTS_WITH, "5_"),
                        f("name", STARTS_WITH, "100%"),
                        f("name", STARTS_WITH, "%"),
                        f("name", STARTS_WITH, "_"),
                        f("note", STARTS_WITH, "A,B"),
                        f("name", REGEX, "^al"),
                        sensitive("name", REGEX, "^al"),
                        f("name", REGEX, "[0-9]+%"),
                        f("name", REGEX, "e$"),
                        f("name", REGEX, "b(et|ra)"),
                        f("name", REGEX, "\\\\"),
                        f("note", REGEX, "^(red|green) "),
                        f("note", REGEX, "PEAR$"))
                .map(filter -> Named.of(describe(filter), filter));
    }

    @Test
    void matchesAColumnNameIgnoringCaseWhenNoneMatchesExactly() {
        Dataset dataset = generated();

        Page exact = assertPage(dataset, List.of(Filter.of("n", GT, "10")), "");
        Page ignoringCase = read(dataset, 0, PageRequest.MAX_LIMIT, List.of(), List.of(Filter.of("N", GT, "10")), "");

        assertThat(ignoringCase.rows()).isEqualTo(exact.rows());
        assertThat(ignoringCase.total()).isEqualTo(exact.total());
    }

    @Test
    void combinesFiltersSortSearchAndOffset() {
        assumeThat(supports(Capability.SORTED_PAGES)).isTrue();
        Dataset dataset = generated();
        List<Filter> filters = List.of(Filter.of("n", IS_NOT_NULL), Filter.of("price", GT, "-50"));
        List<SortKey> sort = List.of(SortKey.parse("flag:desc"), SortKey.parse("price:desc"));

        assertPage(dataset, 0, 10, sort, filters, "");
        assertPage(dataset, 5, 10, sort, filters, "");
        assertPage(dataset, 3, 4, List.of(SortKey.parse("day:desc"), SortKey.parse("name")), filters, "a");
        assertPage(
                dataset,
                2,
                20,
                List.of(SortKey.parse("at:desc")),
                List.of(Filter.of("note", CONTAINS, "pear"), Filter.of("flag", EQ, "true")),
                "");
    }

    @Test
    void readsAFilteredViewPageByPage() {
        Dataset dataset = generated();
        List<Filter> filters = List.of(Filter.of("name", NE, "alpha"), Filter.of("day", IS_NOT_NULL));
        long total = read(dataset, 0, 1, List.of(), filters, "").total();

        for (long offset = 0; offset < total + 20; offset += 20) {
            assertPage(dataset, offset, 20, List.of(), filters, "");
        }
    }

    @Test
    void answersAnEmptyPageWithAnExactZeroTotal() {
        Dataset dataset = generated();

        Page page = read(dataset, 0, 50, List.of(), List.of(Filter.of("n", GT, "1000")), "");

        assertThat(page.rows()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(page.totalExact()).isTrue();
    }

    @Test
    void answersAnOffsetPastTheFilteredRowsWithTheirCount() {
        Dataset dataset = generated();
        List<Filter> filters = List.of(Filter.of("flag", EQ, "true"));
        long expected =
                ReadExpectation.positions(DATA.rows(), filters, "", List.of()).size();

        Page page = read(dataset, expected, 50, List.of(), filters, "");
        Page farAway = read(dataset, 1_000_000, 50, List.of(), filters, "");

        assertThat(page.rows()).isEmpty();
        assertThat(page.total()).isEqualTo(expected);
        assertThat(farAway.rows()).isEmpty();
        assertThat(farAway.total()).isEqualTo(expected);
        assertThat(farAway.totalExact()).isTrue();
    }

    /**
     * A list of 10,000 values is accepted and gives the right rows; its total may be a lower bound on the first read
     * (the engine had no time to count), and is exact when asked again.
     */
    @Test
    void acceptsTenThousandValuesInAnInList() {
        Dataset dataset = generated();
        String[] values = IntStream.range(0, Filter.MAX_VALUES)
                .mapToObj(i -> String.valueOf(i * 3))
                .toArray(String[]::new);

        for (FilterOp op : List.of(IN, NOT_IN)) {
            assertPage(dataset, List.of(Filter.of("id", op, values)), "");
        }
    }

    @Test
    void acceptsAHundredFilters() {
        Dataset dataset = generated();
        List<Filter> filters = IntStream.range(0, PageRequest.MAX_FILTERS)
                .mapToObj(i -> Filter.of("id", NE, String.valueOf(i * 2)))
                .toList();

        assertPage(dataset, filters, "");
    }

    private static Filter f(String column, FilterOp op, String... values) {
        return Filter.of(column, op, values);
    }

    private static Filter sensitive(String column, FilterOp op, String value) {
        return new Filter(column, op, List.of(value), true);
    }

    private static String describe(Filter filter) {
        return filter.column() + " " + filter.op().name().toLowerCase(Locale.ROOT) + " " + filter.values()
                + (filter.caseSensitive() ? " case-sensitive" : "");
    }
}
