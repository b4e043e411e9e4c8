package io.quarry.engine.tck;

import static io.quarry.engine.ColumnType.BIGINT;
import static io.quarry.engine.ColumnType.DATE;
import static io.quarry.engine.ColumnType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarry.engine.Capability;
import io.quarry.engine.ColumnType;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.Row;
import io.quarry.engine.SortKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pages in file order and sorted, with nulls last in both directions and ties broken by position. */
abstract class PageContract extends ContractPart {

    /** The rows of {@code pages.csv}: id (= position), name, score, price, day. */
    private static final List<List<Object>> PAGES = List.of(
            row(1L, "delta", 3L, new BigDecimal("1.50"), LocalDate.of(2024, 1, 3)),
            row(2L, "alpha", null, new BigDecimal("2.00"), null),
            row(3L, "charlie", 3L, new BigDecimal("0.25"), LocalDate.of(2024, 1, 1)),
            row(4L, null, 1L, null, LocalDate.of(2024, 1, 2)),
            row(5L, "bravo", 7L, new BigDecimal("1.50"), LocalDate.of(2024, 1, 3)),
            row(6L, "alpha", null, new BigDecimal("3.10"), LocalDate.of(2024, 1, 1)),
            row(7L, "echo", 1L, new BigDecimal("0.25"), null),
            row(8L, "bravo", 3L, new BigDecimal("1.50"), LocalDate.of(2024, 1, 2)));

    private static final List<String> COLUMNS = List.of("id", "name", "score", "price", "day");

    PageContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    private Dataset pages() {
        return ingestResource("pages.csv").dataset();
    }

    private Page read(Dataset dataset, long offset, int limit, List<SortKey> sort) {
        return engine().readPage(new PageRequest(dataset.id(), offset, limit, sort));
    }

    @Test
    void readsRowsInFileOrderWithTheirPositions() {
        Dataset dataset = pages();

        Page page = read(dataset, 0, 100, List.of());

        assertThat(types(dataset)).containsExactly(BIGINT, VARCHAR, BIGINT, ColumnType.decimal(3, 2), DATE);
        assertThat(page.columns()).isEqualTo(dataset.columns());
        assertThat(page.total()).isEqualTo(8);
        assertThat(page.offset()).isZero();
        assertThat(page.limit()).isEqualTo(100);
        assertThat(page.rows()).extracting(Row::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(page.rows()).extracting(Row::values).isEqualTo(PAGES);
    }

    @Test
    void readsAWindowOfRows() {
        Page page = read(pages(), 2, 3, List.of());

        assertThat(page.total()).isEqualTo(8);
        assertThat(page.offset()).isEqualTo(2);
        assertThat(page.limit()).isEqualTo(3);
        assertThat(page.rows()).extracting(Row::position).containsExactly(3L, 4L, 5L);
        assertThat(page.rows()).extracting(Row::values).isEqualTo(PAGES.subList(2, 5));
    }

    @Test
    void readsNoRowsPastTheEnd() {
        Page page = read(pages(), 100, 10, List.of());

        assertThat(page.rows()).isEmpty();
        assertThat(page.total()).isEqualTo(8);
    }

    @Test
    void refusesALimitOutsideOneToTenThousand() {
        assertFails(
                () -> new PageRequest("any", 0, 0, List.of()),
                EngineError.INVALID_PAGE,
                "The limit must be between 1 and 10000, not 0.");
        assertFails(
                () -> new PageRequest("any", 0, 10_001, List.of()),
                EngineError.INVALID_PAGE,
                "The limit must be between 1 and 10000, not 10001.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "id:desc",
                "name",
                "name:desc",
                "score",
                "score:desc",
                "price",
                "price:desc",
                "day",
                "day:desc",
                "score:desc name",
                "name price:desc",
                "day:desc score"
            })
    void sortsWithNullsLastAndTiesInFileOrder(String sortText) {
        assumeThat(supports(Capability.SORTED_PAGES)).isTrue();
        List<SortKey> sort =
                Arrays.stream(sortText.split(" ")).map(SortKey::parse).toList();
        List<Long> expected = expectedPositions(sort);

        Page page = read(pages(), 0, 100, sort);

        assertThat(page.total()).isEqualTo(8);
        assertThat(page.rows()).extracting(Row::position).isEqualTo(expected);
        assertThat(page.rows())
                .extracting(Row::values)
                .isEqualTo(expected.stream()
                        .map(position -> PAGES.get((int) (position - 1)))
                        .toList());
    }

    @Test
    void pagesThroughSortedRows() {
        assumeThat(supports(Capability.SORTED_PAGES)).isTrue();
        List<SortKey> sort = List.of(SortKey.parse("score:desc"));
        List<Long> expected = expectedPositions(sort);

        Page page = read(pages(), 3, 3, sort);

        assertThat(page.total()).isEqualTo(8);
        assertThat(page.rows()).extracting(Row::position).isEqualTo(expected.subList(3, 6));
    }

    @Test
    void refusesToSortByAnUnknownColumn() {
        assumeThat(supports(Capability.SORTED_PAGES)).isTrue();
        Dataset dataset = pages();

        assertFails(() -> read(dataset, 0, 10, List.of(SortKey.parse("nope"))), EngineError.UNKNOWN_COLUMN);
    }

    @Test
    void refusesToSortWithoutTheCapability() {
        assumeThat(supports(Capability.SORTED_PAGES)).isFalse();
        Dataset dataset = pages();

        assertFails(() -> read(dataset, 0, 10, List.of(SortKey.parse("score"))), EngineError.CAPABILITY_NOT_SUPPORTED);
    }

    /** The order the contract promises, computed in plain Java from {@link #PAGES}. */
    private static List<Long> expectedPositions(List<SortKey> sort) {
        Comparator<Integer> order = (a, b) -> 0;
        for (SortKey key : sort) {
            int column = COLUMNS.indexOf(key.column());
            order = order.thenComparing(index -> PAGES.get(index).get(column), nullsLast(key.descending()));
        }
        order = order.thenComparing(Comparator.naturalOrder());
        return IntStream.range(0, PAGES.size())
                .boxed()
                .sorted(order)
                .map(index -> index + 1L)
                .toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object> nullsLast(boolean descending) {
        Comparator<Object> natural = (a, b) -> ((Comparable) a).compareTo(b);
        return Comparator.nullsLast(descending ? natural.reversed() : natural);
    }
}
