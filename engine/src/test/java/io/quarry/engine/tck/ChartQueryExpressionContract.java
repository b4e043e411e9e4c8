package io.quarry.engine.tck;

import static io.quarry.engine.query.Aggregation.EXPR;
import static io.quarry.engine.query.Aggregation.SUM;
import static io.quarry.engine.query.TransformStep.Param.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.query.FilterRule;
import io.quarry.engine.query.FilterStep;
import io.quarry.engine.query.FilterStep.FieldFilter;
import io.quarry.engine.query.PaintMap;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.SortStep;
import io.quarry.engine.query.TransformOp;
import io.quarry.engine.query.TransformStep;
import io.quarry.engine.query.TransformStep.Param;
import io.quarry.engine.query.TransformStep.ParamType;
import io.quarry.engine.query.TransformStep.Transform;
import io.quarry.engine.query.ViewStep;
import io.quarry.engine.query.ViewStep.Aggregate;
import io.quarry.engine.query.ViewStep.Measure;
import io.quarry.engine.query.Workflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Computed fields ({@code expr} transforms and the {@code expr} aggregation): every operator and function of the
 * whitelist in docs/charts.md, with the value it gives on each of the five rows of {@code PEOPLE}.
 */
abstract class ChartQueryExpressionContract extends ChartQueryContractPart {

    ChartQueryExpressionContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    static TransformStep expr(String as, String expression) {
        return TransformStep.of(
                new Transform(as, TransformOp.EXPR, List.of(new Param(ParamType.SQL, expression)), as, null));
    }

    /** The computed field on each row of PEOPLE (a, b, c, d, e). */
    private static final Object[][] CASES = {
        {"price * 2", 21.0, 40.0, null, 10.0, 60.0},
        {"qty + 1", 2.0, 3.0, 4.0, null, 6.0},
        {"price - qty", 9.5, 18.0, null, null, 25.0},
        {"qty / 2", 0.5, 1.0, 1.5, null, 2.5},
        {"qty % 2", 1.0, 0.0, 1.0, null, 1.0},
        {"-qty", -1.0, -2.0, -3.0, null, -5.0},
        {"price / (qty - 1)", null, 20.0, null, null, 7.5},
        {"qty % (qty - 1)", null, 0.0, 1.0, null, 1.0},
        {"1 + 2 * 3", 7.0, 7.0, 7.0, 7.0, 7.0},
        {"(1 + 2) * 3 - 10 / 4", 6.5, 6.5, 6.5, 6.5, 6.5},
        {"price > 10", true, true, null, false, true},
        {"qty = 2", false, true, false, null, false},
        {"qty <> 2", true, false, true, null, true},
        {"qty != 2", true, false, true, null, true},
        {"qty < 2", true, false, false, null, false},
        {"qty <= 2", true, true, false, null, false},
        {"qty >= 3", false, false, true, null, true},
        {"city = 'Oslo' AND qty > 1", false, true, false, false, null},
        {"city = 'Rome' OR flag", true, false, true, true, null},
        {"NOT flag", false, true, false, null, true},
        {"price IS NULL", false, false, true, false, false},
        {"note IS NOT NULL", true, true, true, false, true},
        {"city IN ('Oslo', 'Paris')", true, true, false, false, null},
        {"city NOT IN ('Oslo')", false, false, true, true, null},
        {"qty IN (1, 5.0, -2)", true, false, false, null, true},
        {"price BETWEEN 10 AND 20", true, true, null, false, false},
        {"price NOT BETWEEN 10 AND 20", false, false, null, true, true},
        {"note LIKE '%late%'", true, false, false, null, true},
        {"note ILIKE '%LATE%'", true, false, true, null, true},
        {"note NOT LIKE 'late%'", false, true, true, null, true},
        {
            "CASE WHEN price >= 20 THEN 'high' WHEN price >= 10 THEN 'mid' ELSE 'low' END",
            "mid",
            "high",
            "low",
            "low",
            "high"
        },
        {"CASE city WHEN 'Oslo' THEN 1 WHEN 'Rome' THEN 2 END", 1.0, 1.0, 2.0, 2.0, null},
        {"CASE WHEN flag THEN price END", 10.5, null, null, null, null},
        {"CAST(qty AS VARCHAR)", "1", "2", "3", null, "5"},
        {"CAST(flag AS text)", "true", "false", "true", null, "false"},
        {"CAST(note AS BIGINT)", null, null, null, null, null},
        {"CAST('12' AS INTEGER) + 1", 13.0, 13.0, 13.0, 13.0, 13.0},
        {"CAST(name AS DOUBLE PRECISION)", null, null, null, null, null},
        {"CAST('2024-01-15' AS DATE)", 1705276800000L, 1705276800000L, 1705276800000L, 1705276800000L, 1705276800000L},
        {"CAST(day AS TIMESTAMP) < CAST('2024-02-01 00:00:00' AS TIMESTAMP)", true, true, false, null, false},
        {"at > CAST('2024-02-01' AS TIMESTAMP)", false, false, true, null, true},
        {"CAST('yes' AS BOOLEAN)", true, true, true, true, true},
        {"abs(price - 20)", 9.5, 0.0, null, 15.0, 10.0},
        {"round(price / 3, 2)", 3.5, 6.67, null, 1.67, 10.0},
        {"round(price / 3)", 4.0, 7.0, null, 2.0, 10.0},
        {"round(price, -1)", 10.0, 20.0, null, 10.0, 30.0},
        {"floor(price)", 10.0, 20.0, null, 5.0, 30.0},
        {"ceil(price)", 11.0, 20.0, null, 5.0, 30.0},
        {"CEILING(price)", 11.0, 20.0, null, 5.0, 30.0},
        {"sqrt(qty * qty)", 1.0, 2.0, 3.0, null, 5.0},
        {"sqrt(-qty)", null, null, null, null, null},
        {"exp(qty - qty)", 1.0, 1.0, 1.0, null, 1.0},
        {"ln(qty - 1)", null, 0.0, Math.log(2), null, Math.log(4)},
        {"log10(power(10, qty))", 1.0, 2.0, 3.0, null, 5.0},
        {"power(qty, 2)", 1.0, 4.0, 9.0, null, 25.0},
        {"pow(10, 400)", null, null, null, null, null},
        {"sign(price - 20)", -1L, 0L, null, -1L, 1L},
        {"lower(note)", "late arrival", "on time", "late", null, "very late"},
        {"upper(city)", "OSLO", "OSLO", "ROME", "ROME", null},
        {"length(note)", 12L, 7L, 4L, null, 9L},
        {"trim('  x ')", "x", "x", "x", "x", "x"},
        {"substr(note, 1, 4)", "late", "on t", "LATE", null, "very"},
        {"substring(note, 6)", "arrival", "me", "", null, "late"},
        {"concat(name, '-', qty)", "a-1", "b-2", "c-3", "d-", "e-5"},
        {"replace(note, 'late', 'early')", "early arrival", "on time", "LATE", null, "very early"},
        {"coalesce(price, 0)", 10.5, 20.0, 0.0, 5.0, 30.0},
        {"nullif(city, 'Oslo')", null, null, "Rome", "Rome", null},
        {"greatest(price, qty * 10)", 10.5, 20.0, 30.0, 5.0, 50.0},
        {"least(price, 15)", 10.5, 15.0, 15.0, 5.0, 15.0},
        {"year(at)", 2024L, 2024L, 2024L, null, 2024L},
        {"month(day)", 1L, 1L, 2L, null, 3L},
        {"day(at)", 1L, 15L, 10L, null, 31L},
        {"hour(at)", 10L, 12L, 0L, null, 23L},
        {"minute(at)", 0L, 30L, 0L, null, 59L},
        {"date_trunc('month', at)", 1704067200000L, 1704067200000L, 1706745600000L, null, 1709251200000L},
        {"DATE_TRUNC('Year', day)", 1704067200000L, 1704067200000L, 1704067200000L, null, 1704067200000L},
        {"\"price\" + 1", 11.5, 21.0, null, 6.0, 31.0},
        {"PRICE + QTY", 11.5, 22.0, null, null, 35.0},
        {"NULL", null, null, null, null, null},
        {"TRUE", true, true, true, true, true},
        {"'it''s'", "it's", "it's", "it's", "it's", "it's"},
        {"'back\\slash'", "back\\slash", "back\\slash", "back\\slash", "back\\slash", "back\\slash"},
        {"(\"price\" * (2))", 21.0, 40.0, null, 10.0, 60.0},
        {"\"upper\"(\"city\")", "OSLO", "OSLO", "ROME", "ROME", null},
        {"(\"qty\")::\"text\"", "1", "2", "3", null, "5"},
        {"-qty::int", -1.0, -2.0, -3.0, null, -5.0},
        {"(price)::\"double precision\" > (2.)", true, true, null, true, true},
        {"(\"city\" IN (('Oslo'), ('Paris')))", true, true, false, false, null},
        {"(\"qty\" NOT IN (-(5), (1)))", false, true, true, null, true},
        {"\"round\"((\"price\" / (3)), (2))", 3.5, 6.67, null, 1.67, 10.0},
        {"E'back\\\\slash'", "back\\slash", "back\\slash", "back\\slash", "back\\slash", "back\\slash"},
        {"concat('日本', name, '\u00e9')", "日本a\u00e9", "日本b\u00e9", "日本c\u00e9", "日本d\u00e9", "日本e\u00e9"},
    };

    @Test
    void eachOperatorAndFunctionGivesItsValueOnEveryRow() {
        Dataset dataset = people();
        SoftAssertions soft = new SoftAssertions();
        for (Object[] row : CASES) {
            String expression = (String) row[0];
            List<Object> expected = new ArrayList<>(Arrays.asList(row).subList(1, row.length));
            soft.assertThat(column(dataset, "x", expr("x", expression)))
                    .as(expression)
                    .containsExactlyElementsOf(expected);
        }
        soft.assertAll();
    }

    @Test
    void aComputedFieldIsUsableInFiltersViewsAndSorts() {
        Dataset dataset = people();
        TransformStep size = expr("size", "CASE WHEN price >= 15 THEN 'big' ELSE 'small' END");

        assertThat(rows(
                        dataset,
                        size,
                        ViewStep.of(new Aggregate(List.of("size"), List.of(new Measure("qty", SUM, "qty_sum")))),
                        SortStep.descending("qty_sum")))
                .containsExactly(r("size", "big", "qty_sum", 7L), r("size", "small", "qty_sum", 4L));
        assertThat(column(
                        dataset,
                        "name",
                        size,
                        FilterStep.of(new FieldFilter("size", new FilterRule.OneOf(List.of("big")))),
                        expr("total", "price * qty"),
                        SortStep.ascending("total")))
                .containsExactly("b", "e");
    }

    @Test
    void aComputedFieldCanReadAnEarlierOne() {
        Dataset dataset = people();

        assertThat(column(
                        dataset,
                        "y",
                        TransformStep.of(
                                new Transform(
                                        "x",
                                        TransformOp.EXPR,
                                        List.of(new Param(ParamType.SQL, "qty * 10")),
                                        "x",
                                        null),
                                new Transform(
                                        "y", TransformOp.EXPR, List.of(new Param(ParamType.SQL, "x + 1")), "y", null))))
                .containsExactly(11.0, 21.0, 31.0, null, 51.0);
    }

    @Test
    void anExprMeasureComputesOverEachGroup() {
        Dataset dataset = people();

        assertThat(rows(
                        dataset,
                        ViewStep.of(new Aggregate(
                                List.of("city"),
                                List.of(
                                        new Measure("sum(price) / count(*)", EXPR, "per_row"),
                                        new Measure("max(qty) - min(qty)", EXPR, "spread"),
                                        new Measure("concat(city, ':', count(note))", EXPR, "label"),
                                        new Measure("avg(price * 2) + median(qty)", EXPR, "mixed"))))))
                .containsExactly(
                        r("city", "Oslo", "per_row", 15.25, "spread", 1.0, "label", "Oslo:2", "mixed", 32.0),
                        r("city", "Rome", "per_row", 2.5, "spread", 0.0, "label", "Rome:1", "mixed", 13.0),
                        r("city", null, "per_row", 30.0, "spread", 0.0, "label", ":1", "mixed", 65.0));
    }

    @Test
    void anExprMeasureMayUseOnlyGroupedFieldsOutsideAggregates() {
        Dataset dataset = people();

        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(ViewStep.of(new Aggregate(
                                        List.of("city"), List.of(new Measure("sum(qty) + qty", EXPR, "x"))))),
                                QueryLimits.defaults()),
                EngineError.QUERY_EXPRESSION_INVALID,
                "The expression cannot use \"qty\" (position 12): outside an aggregate such as sum(...), a measure can"
                        + " only use the fields it groups by.");
        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(ViewStep.of(
                                        new Aggregate(List.of(), List.of(new Measure("sum(max(qty))", EXPR, "x"))))),
                                QueryLimits.defaults()),
                EngineError.QUERY_EXPRESSION_INVALID,
                "The expression cannot use \"max\" (position 5): an aggregate cannot be inside another one.");
    }

    private static TransformStep paint(PaintMap map) {
        return TransformStep.of(
                new Transform("colour", TransformOp.PAINT, List.of(new Param(ParamType.NEW_MAP, map)), "colour", null));
    }

    /** Price in 4 positions over [0, 40] by city (Oslo, Rome, null): a = 3, b = 6, c = d = 1, e = 11. */
    private static PaintMap.Facet priceByCity(byte[] cells) {
        return new PaintMap.Facet(
                List.of(
                        new PaintMap.Quantitative("price", 0, 40, 4),
                        new PaintMap.Nominal("city", Arrays.asList("Oslo", "Rome", null))),
                cells);
    }

    @Test
    void paintGivesEachRowTheColourOfItsCellFacetAfterFacet() {
        Dataset dataset = people();
        byte[] cells = new byte[12];
        cells[3] = 2;
        cells[1] = 3;
        cells[11] = 2;
        PaintMap.Facet byQty =
                new PaintMap.Facet(List.of(new PaintMap.Quantitative("qty", 1, 5, 2)), new byte[] {0, 4});

        assertThat(column(
                        dataset,
                        "colour",
                        paint(new PaintMap(List.of(priceByCity(cells)), Map.of(1, "none", 2, "red")))))
                .containsExactly("red", "none", null, null, "red");
        assertThat(column(
                        dataset,
                        "colour",
                        paint(new PaintMap(
                                List.of(priceByCity(cells), byQty), Map.of(1, "none", 2, "red", 4, "blue")))))
                .containsExactly("red", "none", "blue", null, "blue");
    }

    @Test
    void paintReadsGraphicWalkersCompressedCellsAndRefusesBadOnes() {
        Dataset dataset = people();
        byte[] cells = new byte[12];
        cells[6] = 2;
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(cells);
        deflater.finish();
        byte[] packed = new byte[100];
        int length = deflater.deflate(packed);
        deflater.end();
        String base64 = Base64.getEncoder().encodeToString(Arrays.copyOf(packed, length));
        List<PaintMap.Dimension> dimensions = priceByCity(cells).dimensions();

        assertThat(column(
                        dataset,
                        "colour",
                        paint(new PaintMap(
                                List.of(PaintMap.Facet.deflated(dimensions, base64)), Map.of(1, "a", 2, "b")))))
                .containsExactly("a", "b", "a", "a", "a");
        assertFails(() -> PaintMap.Facet.deflated(dimensions, "not base64!"), EngineError.QUERY_INVALID);
        assertFails(
                () -> PaintMap.Facet.deflated(List.of(new PaintMap.Quantitative("price", 0, 1, 5)), base64),
                EngineError.QUERY_INVALID,
                "A paint map holds more cells than its dimensions have (5).");
        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(paint(new PaintMap(
                                        List.of(new PaintMap.Facet(
                                                List.of(new PaintMap.Quantitative("city", 0, 1, 1)), new byte[1])),
                                        Map.of()))),
                                QueryLimits.defaults()),
                EngineError.QUERY_INVALID,
                "The paint dimension on \"city\" needs a number or date field.");
    }

    @Test
    void binCountPutsEachValueInAQuantileBucketByRank() {
        org.assertj.core.api.Assumptions.assumeThat(supports(Capability.CHART_QUERIES))
                .isTrue();
        Dataset dataset = ingest("k,v\n1,5\n2,1\n3,\n4,3\n5,2\n6,4\n").dataset();

        assertThat(column(
                        dataset,
                        "q",
                        TransformStep.of(Transform.of("q", TransformOp.BIN_COUNT, field("v"))
                                .withNum(2))))
                .containsExactly(2L, 1L, null, 1L, 1L, 2L);
        assertThat(column(dataset, "q", TransformStep.of(Transform.of("q", TransformOp.BIN_COUNT, field("v")))))
                .containsExactly(9L, 1L, null, 5L, 3L, 7L);
    }

    @Test
    void binCountBreaksTiesByRowOrder() {
        org.assertj.core.api.Assumptions.assumeThat(supports(Capability.CHART_QUERIES))
                .isTrue();
        Dataset dataset = ingest("k,v\n1,7\n2,7\n3,7\n4,7\n").dataset();

        assertThat(column(
                        dataset,
                        "q",
                        TransformStep.of(Transform.of("q", TransformOp.BIN_COUNT, field("v"))
                                .withNum(2))))
                .containsExactly(1L, 1L, 2L, 2L);
    }
}
