package io.quarry.engine.tck;

import static io.quarry.engine.query.Aggregation.SUM;
import static io.quarry.engine.query.TransformStep.Param.field;
import static io.quarry.engine.query.TransformStep.Param.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.query.Aggregation;
import io.quarry.engine.query.FilterRule;
import io.quarry.engine.query.FilterStep;
import io.quarry.engine.query.FilterStep.FieldFilter;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.SortStep;
import io.quarry.engine.query.TransformOp;
import io.quarry.engine.query.TransformStep;
import io.quarry.engine.query.TransformStep.Param;
import io.quarry.engine.query.TransformStep.ParamType;
import io.quarry.engine.query.TransformStep.Transform;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chart transforms: derived fields named by their {@code as} key, usable by every later step. */
abstract class ChartQueryTransformContract extends ChartQueryContractPart {

    ChartQueryTransformContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    private static TransformStep transform(String as, TransformOp op, Param... params) {
        return TransformStep.of(Transform.of(as, op, params));
    }

    @Test
    void oneIsTheConstantOneThatCountsRowsWhenSummed() {
        Dataset dataset = people();

        assertThat(rows(
                        dataset,
                        transform("gw_count_fid", TransformOp.ONE),
                        ViewStep.of(new Aggregate(List.of("city"), List.of(new Measure("gw_count_fid", SUM, "n"))))))
                .containsExactly(r("city", "Oslo", "n", 2L), r("city", "Rome", "n", 2L), r("city", null, "n", 1L));
    }

    @Test
    void binSplitsMinToMaxIntoEqualBinsWithNullsInANullBin() {
        Dataset dataset = people();

        assertThat(column(
                        dataset,
                        "b",
                        TransformStep.of(Transform.of("b", TransformOp.BIN, field("price"))
                                .withNum(5))))
                .containsExactly(
                        List.of(10.0, 15.0), List.of(20.0, 25.0), null, List.of(5.0, 10.0), List.of(25.0, 30.0));
    }

    @Test
    void binsKeepTheirValueThroughSortsMeasuresFiltersFoldsAndCascadedViews() {
        Dataset dataset = people();
        TransformStep bin = TransformStep.of(
                Transform.of("b", TransformOp.BIN, field("price")).withNum(5));

        assertThat(column(dataset, "name", bin, SortStep.descending("b"))).containsExactly("e", "b", "a", "d", "c");
        assertThat(rows(
                        dataset,
                        bin,
                        ViewStep.of(new Aggregate(
                                List.of(),
                                List.of(
                                        new Measure("b", Aggregation.MAX, "hi"),
                                        new Measure("b", Aggregation.MIN, "lo"),
                                        new Measure("b", Aggregation.DISTINCT_COUNT, "n"))))))
                .containsExactly(r("hi", List.of(25.0, 30.0), "lo", List.of(5.0, 10.0), "n", 4L));
        assertThat(column(
                        dataset,
                        "name",
                        bin,
                        FilterStep.of(new FieldFilter("b", new FilterRule.Regexp("^\\[2", true)))))
                .containsExactly("b", "e");
        assertThat(column(dataset, "v", bin, ViewStep.of(new Raw(List.of("b")), new Fold(List.of("b"), "k", "v"))))
                .containsExactly("[10.0, 15.0]", "[20.0, 25.0]", null, "[5.0, 10.0]", "[25.0, 30.0]");
        assertThat(rows(
                        dataset,
                        bin,
                        ViewStep.of(
                                new Aggregate(List.of("b"), List.of(new Measure("*", Aggregation.COUNT, "n"))),
                                new Aggregate(List.of("b"), List.of(new Measure("n", SUM, "total"))))))
                .containsExactly(
                        r("b", List.of(5.0, 10.0), "total", 1L),
                        r("b", List.of(10.0, 15.0), "total", 1L),
                        r("b", List.of(20.0, 25.0), "total", 1L),
                        r("b", List.of(25.0, 30.0), "total", 1L),
                        r("b", null, "total", 1L));
    }

    @Test
    void binUsesTenBinsByDefaultOverTheRowsThatReachIt() {
        assumeCharts();
        Dataset dataset = ingest("k,v\n1,0\n2,55\n3,100\n4,\n5,9.99\n6,1000\n").dataset();

        assertThat(column(
                        dataset,
                        "b",
                        FilterStep.of(new FieldFilter("v", new FilterRule.Range(null, 100.0))),
                        transform("b", TransformOp.BIN, field("v")),
                        ViewStep.of(new Raw(List.of("b")))))
                .containsExactly(List.of(0.0, 10.0), List.of(50.0, 60.0), List.of(90.0, 100.0), List.of(0.0, 10.0));
    }

    @Test
    void binReadsItsBoundsFromTheRowsThatReachItAfterOtherTransformsAndViews() {
        assumeCharts();
        Dataset dataset = ingest("k,v\n1,0\n1,10\n2,55\n3,100\n").dataset();
        TransformStep binOfV =
                TransformStep.of(Transform.of("b", TransformOp.BIN, field("v")).withNum(2));

        assertThat(column(dataset, "b", transform("one", TransformOp.ONE), binOfV))
                .containsExactly(List.of(0.0, 50.0), List.of(0.0, 50.0), List.of(50.0, 100.0), List.of(50.0, 100.0));
        assertThat(column(
                        dataset,
                        "b",
                        TransformStep.of(new Transform(
                                "w", TransformOp.EXPR, List.of(new Param(ParamType.SQL, "v * 2")), "w", null)),
                        TransformStep.of(
                                Transform.of("b", TransformOp.BIN, field("w")).withNum(2))))
                .containsExactly(
                        List.of(0.0, 100.0), List.of(0.0, 100.0), List.of(100.0, 200.0), List.of(100.0, 200.0));
        assertThat(column(
                        dataset,
                        "b",
                        ViewStep.of(new Aggregate(List.of("k"), List.of(new Measure("v", SUM, "v")))),
                        binOfV))
                .containsExactly(List.of(10.0, 55.0), List.of(55.0, 100.0), List.of(55.0, 100.0));
    }

    @Test
    void logsAreNullForZeroAndNegativeValues() {
        assumeCharts();
        Dataset dataset = ingest("k,v\n1,-1\n2,0\n3,1\n4,100\n5,\n6,8\n").dataset();

        List<Object> log10 = column(dataset, "l", transform("l", TransformOp.LOG10, field("v")));
        assertThat(log10.subList(0, 5)).containsExactly(null, null, 0.0, 2.0, null);
        assertThat((Double) log10.get(5)).isCloseTo(Math.log10(8), within(1e-12));
        List<Object> log2 = column(dataset, "l", transform("l", TransformOp.LOG2, field("v")));
        assertThat(log2.subList(0, 3)).containsExactly(null, null, 0.0);
        assertThat((Double) log2.get(3)).isCloseTo(Math.log(100) / Math.log(2), within(1e-12));
        assertThat(log2.subList(4, 6)).containsExactly(null, 3.0);
        List<Object> natural = column(dataset, "l", transform("l", TransformOp.LOG, field("v")));
        assertThat(natural.subList(0, 3)).containsExactly(null, null, 0.0);
        assertThat((Double) natural.get(3)).isCloseTo(Math.log(100), within(1e-12));
        List<Object> base10 = column(
                dataset,
                "l",
                TransformStep.of(Transform.of("l", TransformOp.LOG, field("v")).withNum(10)));
        assertThat((Double) base10.get(3)).isCloseTo(2.0, within(1e-12));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "year,   1704067200000, 1704067200000, 1704067200000, 1704067200000",
        "quarter,1704067200000, 1704067200000, 1704067200000, 1704067200000",
        "month,  1704067200000, 1704067200000, 1706745600000, 1709251200000",
        "week,   1703980800000, 1705190400000, 1707004800000, 1711843200000",
        "day,    1704067200000, 1705276800000, 1707523200000, 1711843200000",
        "hour,   1704103200000, 1705320000000, 1707523200000, 1711926000000",
        "minute, 1704103200000, 1705321800000, 1707523200000, 1711929540000",
        "second, 1704103200000, 1705321800000, 1707523200000, 1711929599000"
    })
    void dateTimeDrillTruncatesToEpochMillisecondsInUtcWithSundayWeeks(String unit, long a, long b, long c, long e) {
        Dataset dataset = people();

        assertThat(column(dataset, "d", transform("d", TransformOp.DATE_TIME_DRILL, field("at"), value(unit))))
                .containsExactly(a, b, c, null, e);
    }

    @Test
    void dateTimeDrillWorksOnDates() {
        Dataset dataset = people();

        assertThat(column(dataset, "d", transform("d", TransformOp.DATE_TIME_DRILL, field("day"), value("month"))))
                .containsExactly(1704067200000L, 1704067200000L, 1706745600000L, null, 1709251200000L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "year,    2024, 2024, 2024, 2024",
        "quarter, 1,    1,    1,    1",
        "month,   1,    1,    2,    3",
        "week,    1,    3,    6,    13",
        "weekday, 1,    1,    6,    0",
        "day,     1,    15,   10,   31",
        "hour,    10,   12,   0,    23",
        "minute,  0,    30,   0,    59",
        "second,  0,    0,    0,    59"
    })
    void dateTimeFeatureExtractsAPartAsANumber(String unit, long a, long b, long c, long e) {
        Dataset dataset = people();

        assertThat(column(dataset, "f", transform("f", TransformOp.DATE_TIME_FEATURE, field("at"), value(unit))))
                .containsExactly(a, b, c, null, e);
    }

    @Test
    void derivedFieldsAreKnownOnlyAfterTheirStep() {
        Dataset dataset = people();

        assertThat(rows(
                        dataset,
                        TransformStep.of(
                                Transform.of("m", TransformOp.DATE_TIME_DRILL, field("at"), value("month")),
                                Transform.of("one", TransformOp.ONE)),
                        ViewStep.of(new Aggregate(List.of("m"), List.of(new Measure("one", SUM, "n")))),
                        SortStep.descending("n")))
                .containsExactly(
                        r("m", 1704067200000L, "n", 2L),
                        r("m", 1706745600000L, "n", 1L),
                        r("m", 1709251200000L, "n", 1L),
                        r("m", null, "n", 1L));
        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(ViewStep.of(new Raw(List.of("m"))), transform("m", TransformOp.ONE)),
                                QueryLimits.defaults()),
                EngineError.QUERY_UNKNOWN_FIELD,
                "The chart asks for a field \"m\" that the dataset does not have.");
    }

    @Test
    void onlyTheExprTransformTakesAnExpression() {
        Dataset dataset = people();

        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(transform("x", TransformOp.EXPR, field("price"))),
                                QueryLimits.defaults()),
                EngineError.QUERY_INVALID,
                "The expr transform needs a sql parameter holding the expression.");
        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(transform(
                                        "x",
                                        TransformOp.DATE_TIME_DRILL,
                                        field("at"),
                                        value("month"),
                                        new Param(ParamType.SQL, "now()"))),
                                QueryLimits.defaults()),
                EngineError.QUERY_INVALID,
                "Only the expr transform takes a sql parameter; the dateTimeDrill transform does not.");
    }

    @Test
    void refusesTransformsOnTheWrongKindOfField() {
        Dataset dataset = people();

        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(transform("b", TransformOp.BIN, field("city"))),
                                QueryLimits.defaults()),
                EngineError.QUERY_INVALID,
                "The bin transform needs a number field; \"city\" is not one.");
        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(transform("d", TransformOp.DATE_TIME_DRILL, field("at"), value("decade"))),
                                QueryLimits.defaults()),
                EngineError.QUERY_INVALID,
                "The dateTimeDrill transform cannot use the unit \"decade\";"
                        + " use year, quarter, month, week, day, hour, minute or second.");
    }

    private void assumeCharts() {
        org.assertj.core.api.Assumptions.assumeThat(supports(Capability.CHART_QUERIES))
                .isTrue();
    }
}
