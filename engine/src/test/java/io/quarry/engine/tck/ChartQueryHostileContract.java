package io.quarry.engine.tck;

import static io.quarry.engine.query.Aggregation.COUNT;
import static io.quarry.engine.query.Aggregation.DISTINCT_COUNT;
import static io.quarry.engine.query.Aggregation.MEDIAN;
import static io.quarry.engine.query.Aggregation.STDEV;
import static io.quarry.engine.query.TransformStep.Param.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.ErrorKind;
import io.quarry.engine.QuarryException;
import io.quarry.engine.query.Aggregation;
import io.quarry.engine.query.Cancellation;
import io.quarry.engine.query.FilterRule;
import io.quarry.engine.query.FilterStep;
import io.quarry.engine.query.FilterStep.FieldFilter;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.SortStep;
import io.quarry.engine.query.TransformOp;
import io.quarry.engine.query.TransformStep;
import io.quarry.engine.query.TransformStep.Transform;
import io.quarry.engine.query.ViewStep;
import io.quarry.engine.query.ViewStep.Aggregate;
import io.quarry.engine.query.ViewStep.Fold;
import io.quarry.engine.query.ViewStep.Measure;
import io.quarry.engine.query.ViewStep.Raw;
import io.quarry.engine.query.Workflow;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile chart payloads: field ids and keys that look like SQL are names, never SQL; oversized or malformed
 * workflows fail with a sentence for a person; a query that runs too long, or is cancelled, is stopped.
 */
abstract class ChartQueryHostileContract extends ChartQueryContractPart {

    ChartQueryHostileContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "name\" FROM rows; DROP TABLE rows; --",
                "'; DROP TABLE rows; --",
                "c0",
                "_o",
                "rowid",
                "f0",
                "*) FROM ds_x.rows --",
                "name\u0000"
            })
    void aHostileFieldIdIsAnUnknownField(String fid) {
        Dataset dataset = people();

        QuarryException failure = failure(() -> engine().query(
                        dataset.id(),
                        Workflow.of(FilterStep.of(new FieldFilter(fid, new FilterRule.OneOf(List.of("x"))))),
                        QueryLimits.defaults()));

        assertThat(failure.code()).isEqualTo(EngineError.QUERY_UNKNOWN_FIELD);
        assertThat(failure.code().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(failure.getMessage())
                .isEqualTo("The chart asks for a field \"" + fid + "\" that the dataset does not have.");
        assertThat(rows(dataset, ViewStep.of(new Aggregate(List.of(), List.of(new Measure("*", COUNT, "n"))))))
                .containsExactly(r("n", 5L));
    }

    @Test
    void hostileKeysAndValuesAreOnlyNamesAndData() {
        Dataset dataset = people();
        String key = "x\"; DROP TABLE rows; --";
        String value = "'); DROP TABLE rows; --";

        assertThat(rows(
                        dataset,
                        FilterStep.of(new FieldFilter("city", new FilterRule.NotIn(List.of(value, "Rome")))),
                        TransformStep.of(Transform.of(key, TransformOp.ONE)),
                        ViewStep.of(new Raw(List.of("name", key))),
                        ViewStep.of(new Fold(List.of(key), value, key + "2")),
                        SortStep.descending("name")))
                .containsExactly(
                        r("name", "e", value, key, key + "2", 1.0),
                        r("name", "b", value, key, key + "2", 1.0),
                        r("name", "a", value, key, key + "2", 1.0));
        assertThat(column(
                        dataset,
                        "name",
                        FilterStep.of(new FieldFilter("note", new FilterRule.Regexp("' OR 1=1 --", false)))))
                .isEmpty();
    }

    @Test
    void neverReadsAnotherDataset() {
        Dataset other = ingest("secret\nsesame\n").dataset();
        Dataset dataset = people();

        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(ViewStep.of(new Raw(List.of("secret")))),
                                QueryLimits.defaults()),
                EngineError.QUERY_UNKNOWN_FIELD,
                "The chart asks for a field \"secret\" that the dataset does not have.");
        assertThat(column(other, "secret", ViewStep.of(new Raw(List.of("*"))))).containsExactly("sesame");
    }

    @Test
    void refusesUnknownOperationsByName() {
        assertFails(
                () -> Aggregation.fromWire("sum); DROP TABLE rows; --"),
                EngineError.QUERY_INVALID,
                "The chart asks for an unknown aggregation \"sum); DROP TABLE rows; --\".");
        assertFails(
                () -> TransformOp.fromWire("eval"),
                EngineError.QUERY_INVALID,
                "The chart asks for an unknown transform \"eval\".");
        assertFails(
                () -> SortStep.fromWire("sideways", List.of("a")),
                EngineError.QUERY_INVALID,
                "The chart asks for an unknown sort direction \"sideways\".");
        assertFails(
                () -> TransformStep.ParamType.fromWire("shell"),
                EngineError.QUERY_INVALID,
                "The chart asks for an unknown transform parameter type \"shell\".");
        assertThat(Aggregation.fromWire("distinctCount")).isEqualTo(Aggregation.DISTINCT_COUNT);
        assertThat(TransformOp.fromWire("dateTimeDrill")).isEqualTo(TransformOp.DATE_TIME_DRILL);
    }

    @Test
    void refusesTenThousandFilters() {
        Dataset dataset = people();
        List<FieldFilter> filters =
                Collections.nCopies(10_000, new FieldFilter("qty", new FilterRule.Range(0.0, null)));

        assertFails(
                () -> engine().query(dataset.id(), Workflow.of(new FilterStep(filters)), QueryLimits.defaults()),
                EngineError.QUERY_INVALID,
                "A chart query can have at most 1000 filters; this one has 10000.");
        assertThat(column(dataset, "name", new FilterStep(filters.subList(0, 1_000))))
                .containsExactly("a", "b", "c", "e");
    }

    @Test
    void refusesANegativeOffset() {
        assertFails(
                () -> Workflow.of(ViewStep.of(new Raw(List.of("*")))).withOffset(-1),
                EngineError.QUERY_INVALID,
                "The offset must be 0 or more, not -1.");
    }

    @Test
    void refusesMoreThanTenViews() {
        Dataset dataset = people();
        List<ViewStep> views = IntStream.range(0, 11)
                .mapToObj(i -> ViewStep.of(new Raw(List.of("*"))))
                .toList();

        assertFails(
                () -> engine().query(dataset.id(), new Workflow(List.copyOf(views), 0, 0), QueryLimits.defaults()),
                EngineError.QUERY_INVALID,
                "A chart query can have at most 10 views; this one has 11.");
        assertThat(query(dataset, new Workflow(List.copyOf(views.subList(0, 10)), 0, 0))
                        .rows())
                .hasSize(5);
    }

    @Test
    void refusesTheSameNameTwiceInOneView() {
        Dataset dataset = people();

        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(ViewStep.of(
                                        new Aggregate(List.of("city"), List.of(new Measure("*", COUNT, "city"))))),
                                QueryLimits.defaults()),
                EngineError.QUERY_INVALID,
                "The view names the field \"city\" twice.");
    }

    @Test
    void stopsAQueryThatRunsPastTheTimeLimit() {
        Dataset dataset = generated(300_000);
        Workflow slow = Workflow.of(
                TransformStep.of(
                        Transform.of("b", TransformOp.BIN, field("v")).withNum(1000),
                        Transform.of("c", TransformOp.BIN, field("id")).withNum(1000)),
                ViewStep.of(new Aggregate(
                        List.of("k", "b", "c"),
                        List.of(new Measure("v", MEDIAN, "m"), new Measure("id", MEDIAN, "n")))),
                SortStep.descending("m", "n", "k"));

        QuarryException failure = failure(
                () -> engine().query(dataset.id(), slow, QueryLimits.defaults().withTimeout(Duration.ofMillis(1))));

        assertThat(failure.code()).isEqualTo(EngineError.QUERY_TIME_LIMIT);
        assertThat(failure.code().kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
        assertThat(failure.getMessage())
                .isEqualTo("Query stopped after 1 ms; add a filter or raise quarry.query.time-limit.");
        assertThat(engine().query(dataset.id(), slow.withLimit(1), QueryLimits.defaults())
                        .rows())
                .hasSize(1);
    }

    @Test
    void stopsAQueryCancelledWhileItRuns() {
        Dataset dataset = generated(1_000_000);
        // takes seconds: medians, distinct counts and a deviation over groups that are mostly one row
        Workflow slow = Workflow.of(
                TransformStep.of(
                        Transform.of("b", TransformOp.BIN, field("v")).withNum(1000),
                        Transform.of("c", TransformOp.BIN, field("id")).withNum(1000)),
                ViewStep.of(new Aggregate(
                        List.of("k", "b", "c"),
                        List.of(
                                new Measure("v", MEDIAN, "m"),
                                new Measure("id", MEDIAN, "n"),
                                new Measure("k", DISTINCT_COUNT, "dk"),
                                new Measure("b", DISTINCT_COUNT, "db"),
                                new Measure("v", STDEV, "sv")))),
                SortStep.descending("m", "n", "k", "dk", "sv"));
        Cancellation cancellation = new Cancellation();
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(cancellation::cancel);
        long start = System.nanoTime();

        QuarryException failure =
                failure(() -> engine().query(dataset.id(), slow, QueryLimits.defaults(), cancellation));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(200L, 1_500L);
        assertThat(failure.code()).isEqualTo(EngineError.QUERY_CANCELLED);
        assertThat(failure.code().kind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(failure.getMessage())
                .isEqualTo("The query was cancelled: no one is waiting for its answer any more.");
        assertThat(engine().query(
                                dataset.id(),
                                Workflow.of(
                                        ViewStep.of(new Aggregate(List.of(), List.of(new Measure("*", COUNT, "n"))))),
                                QueryLimits.defaults())
                        .rows())
                .containsExactly(r("n", 1_000_000L));
    }

    @Test
    void runsNoQueryThatWasCancelledBeforeItStarted() {
        Dataset dataset = people();
        Workflow count = Workflow.of(ViewStep.of(new Aggregate(List.of(), List.of(new Measure("*", COUNT, "n")))));
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();

        assertThat(failure(() -> engine().query(dataset.id(), count, QueryLimits.defaults(), cancellation))
                        .code())
                .isEqualTo(EngineError.QUERY_CANCELLED);
        assertThat(engine().query(dataset.id(), count, QueryLimits.defaults(), new Cancellation())
                        .rows())
                .containsExactly(r("n", 5L));
    }

    /** Rows of a unique id, a value with many distinct values and a key shared by a few rows each. */
    private Dataset generated(int rows) {
        org.assertj.core.api.Assumptions.assumeThat(supports(Capability.CHART_QUERIES))
                .isTrue();
        String csv = IntStream.range(0, rows)
                .mapToObj(i -> i + "," + (i * 7919 % 100_003) + ",k" + (i % 50_000))
                .collect(Collectors.joining("\n", "id,v,k\n", "\n"));
        return ingest(csv).dataset();
    }
}
