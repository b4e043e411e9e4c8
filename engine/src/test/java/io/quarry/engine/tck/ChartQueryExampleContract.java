package io.quarry.engine.tck;

import static io.quarry.engine.query.Aggregation.MEAN;
import static io.quarry.engine.query.Aggregation.SUM;
import static io.quarry.engine.query.TransformStep.Param.field;
import static io.quarry.engine.query.TransformStep.Param.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.query.FilterRule;
import io.quarry.engine.query.FilterStep;
import io.quarry.engine.query.FilterStep.FieldFilter;
import io.quarry.engine.query.QueryResult;
import io.quarry.engine.query.SortStep;
import io.quarry.engine.query.TransformOp;
import io.quarry.engine.query.TransformStep;
import io.quarry.engine.query.TransformStep.Transform;
import io.quarry.engine.query.ViewStep;
import io.quarry.engine.query.ViewStep.Aggregate;
import io.quarry.engine.query.ViewStep.Measure;
import io.quarry.engine.query.ViewStep.Raw;
import io.quarry.engine.query.Workflow;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The four example payloads of the chart query contract (A to D), on a hand-made trips file. */
abstract class ChartQueryExampleContract extends ChartQueryContractPart {

    static final String TRIPS = """
            trip_id,category,payment,price,distance_km,note,pickup_at
            1,books,card,10.00,0.5,,2024-01-03 08:00:00
            2,books,cash,20.00,1.0,running late,2024-01-10 09:30:00
            3,toys,card,30.00,2.5,late again,2024-01-20 18:00:00
            4,toys,card,,3.0,on time,2024-01-31 23:59:59
            5,food,cash,50.00,4.0,LATE,2024-02-01 00:00:00
            6,books,card,15.50,,lately fine,2023-12-31 23:59:59
            7,toys,cash,5.00,1.5,,2024-01-15 12:00:00
            """;

    ChartQueryExampleContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    private Dataset trips() {
        assumeThat(supports(Capability.CHART_QUERIES)).isTrue();
        return ingest(TRIPS).dataset();
    }

    @Test
    void exampleASumOfPriceByPaymentForTwoCategories() {
        Dataset dataset = trips();
        Workflow workflow = new Workflow(
                List.of(
                        FilterStep.of(
                                new FieldFilter("category", new FilterRule.OneOf(List.of("books", "toys"))),
                                new FieldFilter("distance_km", new FilterRule.Range(1.0, null))),
                        ViewStep.of(new Aggregate(List.of("payment"), List.of(new Measure("price", SUM, "price_sum")))),
                        SortStep.descending("price_sum")),
                10,
                0);

        assertThat(query(dataset, workflow).rows())
                .containsExactly(r("payment", "card", "price_sum", 30.0), r("payment", "cash", "price_sum", 25.0));
    }

    @Test
    void exampleBTablePageOfLateTripsByPriceDescending() {
        Dataset dataset = trips();
        Workflow workflow = new Workflow(
                List.of(
                        FilterStep.of(new FieldFilter("note", new FilterRule.Regexp("late", false))),
                        ViewStep.of(new Raw(List.of("*"))),
                        SortStep.descending("price")),
                100,
                200);

        assertThat(query(dataset, workflow).rows()).isEmpty();
        QueryResult first = query(dataset, workflow.withOffset(0));
        assertThat(first.rows().stream().map(row -> row.get("trip_id"))).containsExactly(5L, 3L, 2L, 6L);
        assertThat(first.rows().get(1))
                .isEqualTo(r(
                        "trip_id",
                        3L,
                        "category",
                        "toys",
                        "payment",
                        "card",
                        "price",
                        30.0,
                        "distance_km",
                        2.5,
                        "note",
                        "late again",
                        "pickup_at",
                        1705773600000L));
        assertThat(query(dataset, workflow.withOffset(1).withLimit(2)).rows().stream()
                        .map(row -> row.get("trip_id")))
                .containsExactly(3L, 2L);
    }

    @Test
    void exampleCHistogramOfPriceInTenBins() {
        Dataset dataset = trips();
        Workflow workflow = Workflow.of(
                TransformStep.of(
                        Transform.of("gw_b1n", TransformOp.BIN, field("price")).withNum(10),
                        Transform.of("gw_count_fid", TransformOp.ONE)),
                ViewStep.of(new Aggregate(
                        List.of("gw_b1n"), List.of(new Measure("gw_count_fid", SUM, "gw_count_fid_sum")))));

        List<Map<String, Object>> rows = query(dataset, workflow).rows();

        assertThat(rows)
                .containsExactly(
                        r("gw_b1n", List.of(5.0, 9.5), "gw_count_fid_sum", 1L),
                        r("gw_b1n", List.of(9.5, 14.0), "gw_count_fid_sum", 1L),
                        r("gw_b1n", List.of(14.0, 18.5), "gw_count_fid_sum", 1L),
                        r("gw_b1n", List.of(18.5, 23.0), "gw_count_fid_sum", 1L),
                        r("gw_b1n", List.of(27.5, 32.0), "gw_count_fid_sum", 1L),
                        r("gw_b1n", List.of(45.5, 50.0), "gw_count_fid_sum", 1L),
                        r("gw_b1n", null, "gw_count_fid_sum", 1L));
    }

    @Test
    void exampleDMonthlyMeanPriceByCategoryInJanuary() {
        Dataset dataset = trips();
        Workflow workflow = Workflow.of(
                FilterStep.of(
                        new FieldFilter("pickup_at", new FilterRule.TemporalRange(1704067200000L, 1706745599000L))),
                TransformStep.of(
                        Transform.of("gw_m0nt", TransformOp.DATE_TIME_DRILL, field("pickup_at"), value("month"))),
                ViewStep.of(new Aggregate(
                        List.of("gw_m0nt", "category"), List.of(new Measure("price", MEAN, "price_mean")))));

        assertThat(query(dataset, workflow).rows())
                .containsExactly(
                        r("gw_m0nt", 1704067200000L, "category", "books", "price_mean", 15.0),
                        r("gw_m0nt", 1704067200000L, "category", "toys", "price_mean", 17.5));
    }
}
