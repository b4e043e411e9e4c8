package io.quarry.engine.tck;

import static io.quarry.engine.query.Aggregation.COUNT;
import static io.quarry.engine.query.Aggregation.DISTINCT_COUNT;
import static io.quarry.engine.query.Aggregation.MAX;
import static io.quarry.engine.query.Aggregation.MEAN;
import static io.quarry.engine.query.Aggregation.MEDIAN;
import static io.quarry.engine.query.Aggregation.MIN;
import static io.quarry.engine.query.Aggregation.STDEV;
import static io.quarry.engine.query.Aggregation.SUM;
import static io.quarry.engine.query.Aggregation.VARIANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.QueryResult;
import io.quarry.engine.query.SortStep;
import io.quarry.engine.query.ViewStep;
import io.quarry.engine.query.ViewStep.Aggregate;
import io.quarry.engine.query.ViewStep.Fold;
import io.quarry.engine.query.ViewStep.Measure;
import io.quarry.engine.query.ViewStep.Raw;
import io.quarry.engine.query.Workflow;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Chart views (aggregate, raw, fold, cascades), sort steps, limit, offset and the row cap. */
abstract class ChartQueryViewContract extends ChartQueryContractPart {

    ChartQueryViewContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    private static ViewStep aggregate(List<String> groupBy, Measure... measures) {
        return ViewStep.of(new Aggregate(groupBy, List.of(measures)));
    }

    @Test
    void aggregatesEveryMeasureByGroupWithNullsAsTheirOwnGroupLast() {
        Dataset dataset = people();

        assertThat(rows(
                        dataset,
                        aggregate(
                                List.of("city"),
                                new Measure("price", SUM, "price_sum"),
                                new Measure("qty", SUM, "qty_sum"),
                                new Measure("*", COUNT, "rows"),
                                new Measure("price", COUNT, "price_count"),
                                new Measure("price", MAX, "price_max"),
                                new Measure("price", MIN, "price_min"),
                                new Measure("price", MEAN, "price_mean"),
                                new Measure("qty", MEDIAN, "qty_median"),
                                new Measure("price", VARIANCE, "price_variance"),
                                new Measure("price", STDEV, "price_stdev"),
                                new Measure("qty", DISTINCT_COUNT, "qty_distinct"))))
                .containsExactly(
                        r(
                                "city",
                                "Oslo",
                                "price_sum",
                                30.5,
                                "qty_sum",
                                3L,
                                "rows",
                                2L,
                                "price_count",
                                2L,
                                "price_max",
                                20.0,
                                "price_min",
                                10.5,
                                "price_mean",
                                15.25,
                                "qty_median",
                                1.5,
                                "price_variance",
                                22.5625,
                                "price_stdev",
                                4.75,
                                "qty_distinct",
                                2L),
                        r(
                                "city",
                                "Rome",
                                "price_sum",
                                5.0,
                                "qty_sum",
                                3L,
                                "rows",
                                2L,
                                "price_count",
                                2L,
                                "price_max",
                                5.0,
                                "price_min",
                                5.0,
                                "price_mean",
                                5.0,
                                "qty_median",
                                3.0,
                                "price_variance",
                                0.0,
                                "price_stdev",
                                0.0,
                                "qty_distinct",
                                1L),
                        r(
                                "city",
                                null,
                                "price_sum",
                                30.0,
                                "qty_sum",
                                5L,
                                "rows",
                                1L,
                                "price_count",
                                1L,
                                "price_max",
                                30.0,
                                "price_min",
                                30.0,
                                "price_mean",
                                30.0,
                                "qty_median",
                                5.0,
                                "price_variance",
                                0.0,
                                "price_stdev",
                                0.0,
                                "qty_distinct",
                                1L));
    }

    @Test
    void countsRowsWithoutGroupsAndTakesMinAndMaxOfTimes() {
        Dataset dataset = people();

        assertThat(rows(
                        dataset,
                        aggregate(
                                List.of(),
                                new Measure("*", COUNT, "count"),
                                new Measure("at", MIN, "first"),
                                new Measure("at", MAX, "last"))))
                .containsExactly(r("count", 5L, "first", 1704103200000L, "last", 1711929599000L));
    }

    @Test
    void cascadedViewsRunEachOverTheOneBefore() {
        Dataset dataset = people();

        assertThat(rows(
                        dataset,
                        aggregate(List.of("city"), new Measure("*", COUNT, "n")),
                        aggregate(List.of(), new Measure("n", SUM, "total"), new Measure("*", COUNT, "distinct"))))
                .containsExactly(r("total", 5L, "distinct", 3L));
        assertThat(rows(
                        dataset,
                        ViewStep.of(
                                new Raw(List.of("city", "price", "name")),
                                new Aggregate(List.of("city"), List.of(new Measure("price", MAX, "top"))),
                                new Raw(List.of("top")))))
                .containsExactly(r("top", 20.0), r("top", 5.0), r("top", 30.0));
    }

    @Test
    void foldTurnsFieldsIntoKeyValueRows() {
        Dataset dataset = people();

        assertThat(rows(
                        dataset,
                        ViewStep.of(new Raw(List.of("name", "price", "qty"))),
                        ViewStep.of(new Fold(List.of("price", "qty"), "key", "value")),
                        SortStep.ascending("name")))
                .containsExactly(
                        r("name", "a", "key", "price", "value", 10.5),
                        r("name", "a", "key", "qty", "value", 1.0),
                        r("name", "b", "key", "price", "value", 20.0),
                        r("name", "b", "key", "qty", "value", 2.0),
                        r("name", "c", "key", "price", "value", null),
                        r("name", "c", "key", "qty", "value", 3.0),
                        r("name", "d", "key", "price", "value", 5.0),
                        r("name", "d", "key", "qty", "value", null),
                        r("name", "e", "key", "price", "value", 30.0),
                        r("name", "e", "key", "qty", "value", 5.0));
    }

    @Test
    void sortsWithNullsLastInBothDirections() {
        Dataset dataset = people();

        assertThat(column(dataset, "name", SortStep.descending("price"))).containsExactly("e", "b", "a", "d", "c");
        assertThat(column(dataset, "name", SortStep.ascending("price"))).containsExactly("d", "a", "b", "e", "c");
    }

    @Test
    void sortIsStableAndKeepsThePreviousOrderForTies() {
        Dataset dataset = people();

        assertThat(column(dataset, "name", SortStep.ascending("city"))).containsExactly("a", "b", "c", "d", "e");
        assertThat(column(dataset, "name", SortStep.descending("city"))).containsExactly("c", "d", "a", "b", "e");
        assertThat(column(dataset, "name", SortStep.descending("price"), SortStep.ascending("city")))
                .containsExactly("b", "a", "d", "c", "e");
    }

    @Test
    void sortsAnAggregateByItsMeasure() {
        Dataset dataset = people();

        assertThat(rows(
                        dataset,
                        aggregate(List.of("city"), new Measure("qty", SUM, "qty_sum")),
                        SortStep.descending("qty_sum")))
                .containsExactly(
                        r("city", null, "qty_sum", 5L),
                        r("city", "Oslo", "qty_sum", 3L),
                        r("city", "Rome", "qty_sum", 3L));
    }

    @Test
    void appliesOffsetAndLimitLast() {
        Dataset dataset = people();
        Workflow sorted = Workflow.of(SortStep.ascending("price"), ViewStep.of(new Raw(List.of("name"))));

        assertThat(query(dataset, sorted.withLimit(2).withOffset(1)).rows())
                .containsExactly(r("name", "a"), r("name", "b"));
        assertThat(query(dataset, sorted.withOffset(4)).rows()).containsExactly(r("name", "c"));
        assertThat(query(dataset, sorted.withOffset(10)).rows()).isEmpty();
        assertThat(query(dataset, sorted.withLimit(-1)).rows()).hasSize(5);
    }

    @Test
    void capsAnUnboundedViewAndSaysSoButRefusesAHugeLimit() {
        Dataset dataset = people();
        Workflow all = Workflow.of(ViewStep.of(new Raw(List.of("name"))));
        QueryLimits three = QueryLimits.defaults().withMaxRows(3);

        for (long limit : new long[] {0, -5}) {
            QueryResult result = engine().query(dataset.id(), all.withLimit(limit), three);
            assertThat(result.capped()).as("limit %d", limit).isTrue();
            assertThat(result.rows()).containsExactly(r("name", "a"), r("name", "b"), r("name", "c"));
        }
        QueryResult exact = engine().query(dataset.id(), all.withLimit(3), three);
        assertThat(exact.capped()).isFalse();
        assertThat(exact.rows()).hasSize(3);
        assertThatThrownBy(() -> engine().query(dataset.id(), all.withLimit(4), three))
                .isInstanceOfSatisfying(QuarryException.class, e -> {
                    assertThat(e.code()).isEqualTo(EngineError.QUERY_INVALID);
                    assertThat(e.getMessage())
                            .isEqualTo("The chart asks for 4 rows; at most 3 come back at once."
                                    + " Ask for fewer, or page with offset.");
                });
        assertThatThrownBy(
                        () -> engine().query(dataset.id(), all.withLimit(1_000_000_000_000L), QueryLimits.defaults()))
                .isInstanceOf(QuarryException.class)
                .hasMessageContaining("1,000,000,000,000 rows");
    }

    @Test
    void refusesANumericMeasureOnText() {
        Dataset dataset = people();

        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(aggregate(List.of(), new Measure("city", MEAN, "m"))),
                                QueryLimits.defaults()),
                EngineError.QUERY_INVALID,
                "The mean aggregation needs a number field; \"city\" is not one.");
    }

    @Test
    void refusesAFieldThatAnEarlierViewDropped() {
        Dataset dataset = people();

        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(
                                        aggregate(List.of("city"), new Measure("*", COUNT, "n")),
                                        SortStep.ascending("price")),
                                QueryLimits.defaults()),
                EngineError.QUERY_UNKNOWN_FIELD,
                "The chart asks for a field \"price\" that the dataset does not have.");
    }
}
