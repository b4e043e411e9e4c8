package io.quarry.engine.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import io.quarry.engine.Page;
import io.quarry.engine.SortKey;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The search: every whitespace-separated word must be in at least one text column, ignoring case; wildcards are
 * literal and other columns are not searched.
 */
abstract class SearchContract extends ReadContractPart {

    SearchContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "alpha",
                "ALPHA",
                "alpha red",
                "  Pear   apple  ",
                "red\tzed",
                "%",
                "_",
                "\\",
                "\"",
                "a,b",
                "0%o",
                "e_c",
                "ünï",
                "ÜNÏCODE",
                "o'brien",
                "cotton green blue",
                "nothing-matches-this",
                "2024",
                "12",
                "true"
            })
    void keepsTheRowsHoldingEveryWord(String search) {
        Dataset dataset = generated();

        assertPage(dataset, List.of(), search);
    }

    @Test
    void treatsABlankSearchAsNone() {
        Dataset dataset = generated();

        Page page = assertPage(dataset, List.of(), "   ");

        assertThat(page.total()).isEqualTo(ROW_COUNT);
    }

    @Test
    void searchesOnlyTextColumns() {
        Dataset dataset = generated();

        Page page = read(dataset, 0, 10, List.of(), List.of(), "2024-01");

        assertThat(page.rows()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(page.totalExact()).isTrue();
    }

    @Test
    void combinesTheSearchWithFiltersSortAndOffset() {
        assumeThat(supports(Capability.SORTED_PAGES)).isTrue();
        Dataset dataset = generated();
        List<Filter> filters = List.of(Filter.of("n", FilterOp.IS_NOT_NULL), Filter.of("ratio", FilterOp.GT, "-20"));

        assertPage(dataset, 0, 5, List.of(SortKey.parse("n:desc")), filters, "pear");
        assertPage(dataset, 4, 5, List.of(SortKey.parse("ratio:desc"), SortKey.parse("id")), filters, "a");
        assertPage(dataset, 1, 3, List.of(SortKey.parse("name")), List.of(), "ALPHA");
    }
}
