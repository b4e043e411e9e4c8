package io.quarry.engine.tck;

import static io.quarry.engine.FilterOp.CONTAINS;
import static io.quarry.engine.FilterOp.EQ;
import static io.quarry.engine.FilterOp.IN;
import static io.quarry.engine.FilterOp.NE;
import static io.quarry.engine.FilterOp.NOT_IN;
import static io.quarry.engine.FilterOp.STARTS_WITH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.Row;
import io.quarry.engine.SortKey;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Values and column names that look like SQL or patterns are data: they match only the rows that hold them. */
abstract class HostileValueContract extends ReadContractPart {

    /** The values of {@code read-hostile-values.csv}, in file order. */
    private static final List<String> HOSTILE_ROWS = List.of(
            "'; DROP TABLE rows; --",
            "\" OR 1=1 --",
            "%",
            "_",
            "a\\b",
            "100%",
            "a_b",
            "plain",
            "Robert'); DROP TABLE students;--",
            "日本語 😀 ünï",
            "%_\\");

    private static final List<String> HOSTILE_VALUES = List.of(
            "'; DROP TABLE rows; --",
            "\\\" OR 1=1 --",
            "\" OR 1=1 --",
            "' OR '1'='1",
            "%",
            "_",
            "\\",
            "%_\\",
            "a%",
            "?",
            "$1",
            "日本語 😀 ünï",
            "x".repeat(100_000));

    HostileValueContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @Test
    void matchesHostileValuesOnlyWhereTheRowsHoldThem() {
        Dataset dataset = ingestResource("read-hostile-values.csv").dataset();
        assertThat(rows(dataset)).extracting(row -> row.get(1)).isEqualTo(HOSTILE_ROWS);

        for (String value : HOSTILE_VALUES) {
            assertThat(hostilePositions(dataset, Filter.of("value", EQ, value)))
                    .as("eq %.40s", value)
                    .isEqualTo(expected(row -> row.equals(value)));
            assertThat(hostilePositions(dataset, Filter.of("value", IN, value, "plain")))
                    .as("in %.40s", value)
                    .isEqualTo(expected(row -> row.equals(value) || row.equals("plain")));
            assertThat(hostilePositions(dataset, Filter.of("value", NE, value)))
                    .as("ne %.40s", value)
                    .isEqualTo(expected(row -> !row.equals(value)));
            assertThat(hostilePositions(dataset, Filter.of("value", CONTAINS, value)))
                    .as("contains %.40s", value)
                    .isEqualTo(expected(row -> row.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT))));
            assertThat(hostilePositions(dataset, Filter.of("value", STARTS_WITH, value)))
                    .as("starts-with %.40s", value)
                    .isEqualTo(
                            expected(row -> row.toLowerCase(Locale.ROOT).startsWith(value.toLowerCase(Locale.ROOT))));
        }
        assertThat(rows(dataset)).extracting(row -> row.get(1)).isEqualTo(HOSTILE_ROWS);
    }

    @Test
    void treatsHostileValuesAsDataInEveryOperatorAndLeavesTheDatasetIntact() {
        Dataset dataset = generated();
        List<Row> before = allRows(dataset.id());

        for (String value : HOSTILE_VALUES) {
            for (FilterOp op : List.of(EQ, NE, CONTAINS, STARTS_WITH)) {
                assertPage(dataset, List.of(Filter.of("name", op, value)), "");
            }
            assertPage(dataset, List.of(Filter.of("note", IN, value, "red apple")), "");
            assertPage(dataset, List.of(Filter.of("note", NOT_IN, value)), "");
            assertPage(dataset, List.of(), value);
        }

        assertThat(allRows(dataset.id())).isEqualTo(before);
        assertThat(engine().listDatasets()).extracting(Dataset::id).containsExactly(dataset.id());
        assertThat(engine().requireDataset(dataset.id()).rowCount()).isEqualTo(ROW_COUNT);
    }

    @Test
    void filtersAndSortsByTheApiNamesOfHostileHeaders() {
        Dataset dataset = ingestResource("hostile-header.csv").dataset();

        Page dropTable = engine().readPage(new PageRequest(
                dataset.id(), 0, 10, List.of(), List.of(Filter.of("DROP_TABLE_x", EQ, "9")), ""));
        Page price = engine().readPage(new PageRequest(
                dataset.id(), 0, 10, List.of(), List.of(Filter.of("Price", CONTAINS, "o")), ""));
        Page percent = engine().readPage(new PageRequest(
                dataset.id(), 0, 10, List.of(), List.of(Filter.of("column_9", FilterOp.LT, "10")), ""));

        assertThat(dropTable.rows()).extracting(Row::position).containsExactly(2L);
        assertThat(price.rows()).extracting(Row::position).containsExactly(1L);
        assertThat(percent.rows()).extracting(Row::position).containsExactly(1L);
        assertThat(rows(dataset)).hasSize(2);
    }

    @Test
    void sortsByTheApiNameOfAHostileHeader() {
        assumeThat(supports(Capability.SORTED_PAGES)).isTrue();
        Dataset dataset = ingestResource("hostile-header.csv").dataset();

        Page page = engine().readPage(new PageRequest(
                dataset.id(),
                0,
                10,
                List.of(SortKey.parse("DROP_TABLE_x:desc"), SortKey.parse("Straße_Nr_1")),
                List.of(Filter.of("日付", FilterOp.GE, "6")),
                ""));

        assertThat(page.rows()).extracting(Row::position).containsExactly(2L, 1L);
        assertThat(page.total()).isEqualTo(2);
    }

    private List<Long> hostilePositions(Dataset dataset, Filter filter) {
        Page page = engine().readPage(new PageRequest(dataset.id(), 0, 100, List.of(), List.of(filter), ""));
        assertThat(page.total()).isEqualTo(page.rows().size());
        assertThat(page.totalExact()).isTrue();
        return page.rows().stream().map(Row::position).toList();
    }

    private static List<Long> expected(Predicate<String> matches) {
        return IntStream.range(0, HOSTILE_ROWS.size())
                .filter(index -> matches.test(HOSTILE_ROWS.get(index)))
                .mapToObj(index -> index + 1L)
                .toList();
    }
}
