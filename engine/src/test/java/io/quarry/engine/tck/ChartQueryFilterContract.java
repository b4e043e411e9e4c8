package io.quarry.engine.tck;

import static io.quarry.engine.query.ViewStep.Raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.query.FilterRule;
import io.quarry.engine.query.FilterStep;
import io.quarry.engine.query.FilterStep.FieldFilter;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.QueryResult;
import io.quarry.engine.query.ViewStep;
import io.quarry.engine.query.Workflow;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Chart fields and filter steps: every rule, its nulls and bounds, and unknown fields. */
abstract class ChartQueryFilterContract extends ChartQueryContractPart {

    ChartQueryFilterContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    private List<Object> names(Dataset dataset, String fid, FilterRule rule) {
        return column(dataset, "name", FilterStep.of(new FieldFilter(fid, rule)));
    }

    @Test
    void rawViewOfEveryFieldReadsPlainValues() {
        Dataset dataset = people();

        List<java.util.Map<String, Object>> rows = rows(dataset, ViewStep.of(new Raw(List.of("*"))));

        assertThat(rows)
                .containsExactly(
                        r(
                                "name",
                                "a",
                                "city",
                                "Oslo",
                                "price",
                                10.5,
                                "qty",
                                1L,
                                "day",
                                1704067200000L,
                                "at",
                                1704103200000L,
                                "note",
                                "late arrival",
                                "flag",
                                true),
                        r(
                                "name",
                                "b",
                                "city",
                                "Oslo",
                                "price",
                                20.0,
                                "qty",
                                2L,
                                "day",
                                1704153600000L,
                                "at",
                                1705321800000L,
                                "note",
                                "on time",
                                "flag",
                                false),
                        r(
                                "name",
                                "c",
                                "city",
                                "Rome",
                                "price",
                                null,
                                "qty",
                                3L,
                                "day",
                                1706745600000L,
                                "at",
                                1707523200000L,
                                "note",
                                "LATE",
                                "flag",
                                true),
                        r(
                                "name", "d", "city", "Rome", "price", 5.0, "qty", null, "day", null, "at", null, "note",
                                null, "flag", null),
                        r(
                                "name",
                                "e",
                                "city",
                                null,
                                "price",
                                30.0,
                                "qty",
                                5L,
                                "day",
                                1709251200000L,
                                "at",
                                1711929599000L,
                                "note",
                                "very late",
                                "flag",
                                false));
    }

    @Test
    void rawViewProjectsTheGivenFieldsInTheirOrder() {
        Dataset dataset = people();

        assertThat(rows(dataset, ViewStep.of(new Raw(List.of("qty", "name")))))
                .containsExactly(
                        r("qty", 1L, "name", "a"),
                        r("qty", 2L, "name", "b"),
                        r("qty", 3L, "name", "c"),
                        r("qty", null, "name", "d"),
                        r("qty", 5L, "name", "e"));
    }

    @Test
    void rangeIsInclusiveWithOpenEndsAndNullsFail() {
        Dataset dataset = people();

        assertThat(names(dataset, "price", new FilterRule.Range(10.5, 20.0))).containsExactly("a", "b");
        assertThat(names(dataset, "price", new FilterRule.Range(null, 10.5))).containsExactly("a", "d");
        assertThat(names(dataset, "price", new FilterRule.Range(20.0, null))).containsExactly("b", "e");
        assertThat(names(dataset, "price", new FilterRule.Range(null, null))).containsExactly("a", "b", "d", "e");
        assertThat(names(dataset, "qty", new FilterRule.Range(1.5, 3.0))).containsExactly("b", "c");
    }

    @Test
    void temporalRangeTakesEpochMillisecondsInclusive() {
        Dataset dataset = people();

        assertThat(names(dataset, "at", new FilterRule.TemporalRange(1704103200000L, 1707523200000L)))
                .containsExactly("a", "b", "c");
        assertThat(names(dataset, "at", new FilterRule.TemporalRange(1704103200001L, null)))
                .containsExactly("b", "c", "e");
        assertThat(names(dataset, "day", new FilterRule.TemporalRange(null, 1704153600000L)))
                .containsExactly("a", "b");
    }

    @Test
    void temporalRangeBoundsHoldAtMillisecondsBeforeAndAfter1970() {
        assumeThat(supports(Capability.CHART_QUERIES)).isTrue();
        Dataset dataset = ingest("""
                name,at
                before,1969-12-31 23:59:59
                epoch,1970-01-01 00:00:00
                half,2024-01-01 00:00:00.0005
                next,2024-01-01 00:00:00.001
                """).dataset();

        assertThat(names(dataset, "at", new FilterRule.TemporalRange(-1000L, -1000L)))
                .containsExactly("before");
        assertThat(names(dataset, "at", new FilterRule.TemporalRange(-999L, 0L)))
                .containsExactly("epoch");
        assertThat(names(dataset, "at", new FilterRule.TemporalRange(null, -1L)))
                .containsExactly("before");
        assertThat(names(dataset, "at", new FilterRule.TemporalRange(0L, null)))
                .containsExactly("epoch", "half", "next");
        assertThat(names(dataset, "at", new FilterRule.TemporalRange(1704067200000L, 1704067200000L)))
                .as("a timestamp counts by its whole milliseconds")
                .containsExactly("half");
        assertThat(names(dataset, "at", new FilterRule.TemporalRange(1704067200001L, null)))
                .containsExactly("next");
    }

    @Test
    void oneOfMatchesValuesAndANullMemberMatchesNulls() {
        Dataset dataset = people();

        assertThat(names(dataset, "city", new FilterRule.OneOf(List.of("Rome", "Paris"))))
                .containsExactly("c", "d");
        assertThat(names(dataset, "city", new FilterRule.OneOf(Arrays.asList("Oslo", null))))
                .containsExactly("a", "b", "e");
        assertThat(names(dataset, "qty", new FilterRule.OneOf(List.of(1, 5.0, "3"))))
                .containsExactly("a", "c", "e");
        assertThat(names(dataset, "flag", new FilterRule.OneOf(List.of(true)))).containsExactly("a", "c");
        assertThat(names(dataset, "day", new FilterRule.OneOf(List.of(1706745600000L))))
                .containsExactly("c");
        assertThat(names(dataset, "city", new FilterRule.OneOf(List.of()))).isEmpty();
    }

    @Test
    void notInKeepsNullsUnlessTheListHoldsNull() {
        Dataset dataset = people();

        assertThat(names(dataset, "city", new FilterRule.NotIn(List.of("Oslo"))))
                .containsExactly("c", "d", "e");
        assertThat(names(dataset, "city", new FilterRule.NotIn(Arrays.asList("Oslo", null))))
                .containsExactly("c", "d");
        assertThat(names(dataset, "price", new FilterRule.NotIn(List.of(10.5, 30))))
                .containsExactly("b", "c", "d");
    }

    @Test
    void regexpSearchesAnywhereIgnoringCaseUnlessCaseSensitive() {
        Dataset dataset = people();

        assertThat(names(dataset, "note", new FilterRule.Regexp("late", false))).containsExactly("a", "c", "e");
        assertThat(names(dataset, "note", new FilterRule.Regexp("late", true))).containsExactly("a", "e");
        assertThat(names(dataset, "note", new FilterRule.Regexp("^l", false))).containsExactly("a", "c");
    }

    @Test
    void regexpOfPlainWordsMatchesLikeTheSameRegularExpression() {
        assumeThat(supports(Capability.CHART_QUERIES)).isTrue();
        Dataset dataset = ingest("name,note\na,a_b late\nb,axb\nc,A%B\nd,LATE 2\ne,\u212a\nf,\ng,late2\n")
                .dataset();

        for (boolean caseSensitive : new boolean[] {false, true}) {
            for (String[] same : new String[][] {{"late", "lat[e]"}, {"late 2", "late[ ]2"}, {"k", "[k]"}}) {
                assertThat(names(dataset, "note", new FilterRule.Regexp(same[0], caseSensitive)))
                        .as(same[0] + (caseSensitive ? " case-sensitive" : ""))
                        .isEqualTo(names(dataset, "note", new FilterRule.Regexp(same[1], caseSensitive)));
            }
        }
        assertThat(names(dataset, "note", new FilterRule.Regexp("late", false))).containsExactly("a", "d", "g");
        assertThat(names(dataset, "note", new FilterRule.Regexp("k", false))).containsExactly("e");
        assertThat(names(dataset, "note", new FilterRule.Regexp("a_b", false))).containsExactly("a");
        assertThat(names(dataset, "note", new FilterRule.Regexp("a%b", false))).containsExactly("c");
        assertThat(names(dataset, "note", new FilterRule.Regexp("a.b", false))).containsExactly("a", "b", "c");
    }

    @Test
    void invalidRegexpMatchesNothingAndWarns() {
        Dataset dataset = people();

        QueryResult result = query(
                dataset, Workflow.of(FilterStep.of(new FieldFilter("note", new FilterRule.Regexp("([a-", false)))));

        assertThat(result.rows()).isEmpty();
        assertThat(result.warnings()).containsExactly("The pattern \"([a-\" is not a valid regular expression.");
    }

    @Test
    void filtersInOneStepAreAndedAndStepsRunInOrder() {
        Dataset dataset = people();

        assertThat(column(
                        dataset,
                        "name",
                        FilterStep.of(
                                new FieldFilter("city", new FilterRule.OneOf(List.of("Oslo", "Rome"))),
                                new FieldFilter("price", new FilterRule.Range(6.0, null))),
                        FilterStep.of(new FieldFilter("qty", new FilterRule.Range(2.0, null)))))
                .containsExactly("b");
    }

    @Test
    void refusesAnUnknownFieldNamingIt() {
        Dataset dataset = people();

        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(FilterStep.of(new FieldFilter("x", new FilterRule.Range(1.0, null)))),
                                QueryLimits.defaults()),
                EngineError.QUERY_UNKNOWN_FIELD,
                "The chart asks for a field \"x\" that the dataset does not have.");
        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(ViewStep.of(new Raw(List.of("name", "nope")))),
                                QueryLimits.defaults()),
                EngineError.QUERY_UNKNOWN_FIELD,
                "The chart asks for a field \"nope\" that the dataset does not have.");
    }

    @Test
    void refusesARangeOnText() {
        Dataset dataset = people();

        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(FilterStep.of(new FieldFilter("city", new FilterRule.Range(1.0, null)))),
                                QueryLimits.defaults()),
                EngineError.QUERY_INVALID,
                "The range filter on \"city\" needs a number or date field.");
    }

    @Test
    void anEngineWithoutChartQueriesSaysSo() {
        assumeThat(supports(Capability.CHART_QUERIES)).isFalse();
        Dataset dataset = ingest(PEOPLE).dataset();

        assertFails(
                () -> engine().query(
                                dataset.id(), Workflow.of(ViewStep.of(new Raw(List.of("*")))), QueryLimits.defaults()),
                EngineError.CAPABILITY_NOT_SUPPORTED,
                "This engine cannot answer chart queries.");
    }

    @Test
    void refusesAnUnknownDataset() {
        people();

        assertFails(
                () -> engine().query("nope", Workflow.of(ViewStep.of(new Raw(List.of("*")))), QueryLimits.defaults()),
                EngineError.DATASET_NOT_FOUND);
    }
}
