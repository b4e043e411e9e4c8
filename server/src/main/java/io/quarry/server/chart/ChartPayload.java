package io.quarry.server.chart;

import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import io.quarry.engine.query.Aggregation;
import io.quarry.engine.query.FilterRule;
import io.quarry.engine.query.FilterStep;
import io.quarry.engine.query.FilterStep.FieldFilter;
import io.quarry.engine.query.PaintMap;
import io.quarry.engine.query.SortStep;
import io.quarry.engine.query.Step;
import io.quarry.engine.query.TransformOp;
import io.quarry.engine.query.TransformStep;
import io.quarry.engine.query.TransformStep.Param;
import io.quarry.engine.query.TransformStep.ParamType;
import io.quarry.engine.query.ViewStep;
import io.quarry.engine.query.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Graphic Walker's query payload as it arrives ({@code {workflow, limit?, offset?, tag?}}, see
 * /work/shared/graphic-walker-contract.md and docs/charts.md), and its mapping to the engine's {@link Workflow}.
 * Unknown JSON members are ignored; unknown step, rule, view, transform, parameter and aggregation names are
 * {@code QUERY_INVALID} naming them. Field ids are passed on as names only.
 */
record ChartPayload(
        @Nullable List<StepBody> workflow,
        @Nullable Double limit,
        @Nullable Double offset,
        @Nullable String tag) {

    record StepBody(
            @Nullable String type,
            @Nullable List<FilterBody> filters,
            @Nullable List<TransformBody> transform,
            @Nullable List<ViewBody> query,
            @Nullable String sort,
            @Nullable List<String> by) {}

    record FilterBody(@Nullable String fid, @Nullable RuleBody rule) {}

    record RuleBody(
            @Nullable String type,
            @Nullable JsonNode value,
            @Nullable Boolean caseSensitive) {}

    record TransformBody(@Nullable String key, @Nullable ExpressionBody expression) {}

    record ExpressionBody(
            @Nullable String op,
            @Nullable List<ParamBody> params,
            @Nullable String as,
            @Nullable Integer num) {}

    record ParamBody(@Nullable String type, @Nullable JsonNode value) {}

    record ViewBody(
            @Nullable String op,
            @Nullable List<String> groupBy,
            @Nullable List<MeasureBody> measures,
            @Nullable List<String> fields,
            @Nullable List<String> foldBy,
            @Nullable String newFoldKeyCol,
            @Nullable String newFoldValueCol) {}

    record MeasureBody(
            @Nullable String field,
            @Nullable String agg,
            @Nullable String asFieldKey) {}

    /** The steps this payload holds, checked. @throws QuarryException {@code QUERY_*} naming what is wrong */
    Workflow toWorkflow() {
        if (workflow == null) {
            throw invalid("The chart query has no workflow.");
        }
        List<Step> steps = new ArrayList<>();
        for (StepBody step : workflow) {
            steps.add(step(required(step, "workflow step")));
        }
        return new Workflow(steps, whole("limit", limit), whole("offset", offset));
    }

    /** True for Graphic Walker's column-profile queries. */
    boolean profiling() {
        return "profiling".equals(tag);
    }

    private static long whole(String what, @Nullable Double number) {
        if (number == null) {
            return 0;
        }
        if (number.isNaN() || number != Math.rint(number)) {
            throw invalid("The " + what + " must be a whole number, not " + number + ".");
        }
        return number >= Long.MAX_VALUE ? Long.MAX_VALUE : number.longValue();
    }

    private static Step step(StepBody step) {
        String type = required(step.type(), "step type");
        return switch (type) {
            case "filter" -> {
                List<FieldFilter> filters = new ArrayList<>();
                for (FilterBody filter : required(step.filters(), "filters of a filter step")) {
                    FilterBody checked = required(filter, "filter");
                    filters.add(new FieldFilter(
                            required(checked.fid(), "filter field id"), rule(required(checked.rule(), "filter rule"))));
                }
                yield new FilterStep(filters);
            }
            case "transform" -> {
                List<TransformStep.Transform> transforms = new ArrayList<>();
                for (TransformBody transform : required(step.transform(), "transforms of a transform step")) {
                    transforms.add(transform(required(transform, "transform")));
                }
                yield new TransformStep(transforms);
            }
            case "view" -> {
                List<ViewStep.ViewQuery> views = new ArrayList<>();
                for (ViewBody view : required(step.query(), "query of a view step")) {
                    views.add(view(required(view, "view")));
                }
                yield new ViewStep(views);
            }
            case "sort" ->
                SortStep.fromWire(
                        required(step.sort(), "sort direction"), names(required(step.by(), "sort fields"), "sort"));
            default -> throw unknown("step type", type);
        };
    }

    private static FilterRule rule(RuleBody rule) {
        String type = required(rule.type(), "filter rule type");
        JsonNode value = rule.value();
        return switch (type) {
            case "range" -> {
                JsonNode[] ends = pair(value, type);
                yield new FilterRule.Range(number(ends[0], type), number(ends[1], type));
            }
            case "temporal range" -> {
                JsonNode[] ends = pair(value, type);
                Double lo = number(ends[0], type);
                Double hi = number(ends[1], type);
                yield new FilterRule.TemporalRange(
                        lo == null ? null : (long) Math.floor(lo), hi == null ? null : (long) Math.ceil(hi));
            }
            case "one of" -> new FilterRule.OneOf(members(value, type));
            case "not in" -> new FilterRule.NotIn(members(value, type));
            case "regexp" -> {
                if (value == null || !value.isString()) {
                    throw invalid("A regexp filter needs a pattern as its value.");
                }
                yield new FilterRule.Regexp(value.stringValue(), Boolean.TRUE.equals(rule.caseSensitive()));
            }
            default -> throw unknown("filter rule", type);
        };
    }

    private static JsonNode[] pair(@Nullable JsonNode value, String rule) {
        if (value == null || !value.isArray() || value.size() != 2) {
            throw invalid("A " + rule + " filter needs a value of two ends, [lo, hi].");
        }
        return new JsonNode[] {value.get(0), value.get(1)};
    }

    private static @Nullable Double number(@Nullable JsonNode end, String rule) {
        if (end == null || end.isNull()) {
            return null;
        }
        if (!end.isNumber()) {
            throw invalid("A " + rule + " filter needs numbers (or null) as its ends.");
        }
        return end.doubleValue();
    }

    private static List<@Nullable Object> members(@Nullable JsonNode value, String rule) {
        if (value == null || !value.isArray()) {
            throw invalid("A " + rule + " filter needs a list of values.");
        }
        List<@Nullable Object> members = new ArrayList<>(value.size());
        for (JsonNode member : value) {
            members.add(scalar(member, rule + " value"));
        }
        return members;
    }

    /** A JSON scalar as a Java value: String, Long, Double (or BigDecimal), Boolean or null. */
    private static @Nullable Object scalar(@Nullable JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
        }
        if (node.isNumber()) {
            return node.isBigDecimal() ? node.decimalValue() : (Object) node.doubleValue();
        }
        throw invalid("A " + what + " must be text, a number, true/false or null, not a list or object.");
    }

    private static TransformStep.Transform transform(TransformBody transform) {
        ExpressionBody expression = required(transform.expression(), "transform expression");
        TransformOp op = TransformOp.fromWire(required(expression.op(), "transform op"));
        String as = required(expression.as(), "transform key (as)");
        List<Param> params = new ArrayList<>();
        if (expression.params() != null) {
            for (ParamBody param : expression.params()) {
                ParamBody checked = required(param, "transform parameter");
                ParamType type = ParamType.fromWire(required(checked.type(), "transform parameter type"));
                params.add(new Param(type, paramValue(type, checked.value())));
            }
        }
        String key = transform.key() == null ? as : transform.key();
        return new TransformStep.Transform(key, op, params, as, expression.num());
    }

    private static @Nullable Object paramValue(ParamType type, @Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (type == ParamType.FIELD && !value.isString()) {
            throw invalid("A field parameter needs a field id as text.");
        }
        if (type == ParamType.NEW_MAP) {
            return paintMap(value);
        }
        if (type == ParamType.MAP) {
            return oldPaintMap(value);
        }
        if (value.isArray() || value.isObject()) {
            // only formats and offsets the engine ignores may be structured; keep them as text
            return value.toString();
        }
        return scalar(value, "transform parameter");
    }

    /** Graphic Walker's paint map: {@code {facets: [{dimensions: [{fid, domain}], map}], dict: {n: {name}}}}. */
    private static PaintMap paintMap(JsonNode value) {
        List<PaintMap.Facet> facets = new ArrayList<>();
        for (JsonNode facet : array(value.get("facets"), "facets of a paint map")) {
            List<PaintMap.Dimension> dimensions = new ArrayList<>();
            for (JsonNode dimension : array(facet.get("dimensions"), "dimensions of a paint facet")) {
                String fid = text(dimension.get("fid"), "field id of a paint dimension");
                JsonNode domain = required(dimension.get("domain"), "domain of a paint dimension");
                String type = text(domain.get("type"), "domain type of a paint dimension");
                dimensions.add(
                        switch (type) {
                            case "nominal" -> {
                                List<@Nullable Object> values = new ArrayList<>();
                                for (JsonNode member : array(domain.get("value"), "values of a paint dimension")) {
                                    values.add(scalar(member, "paint dimension value"));
                                }
                                yield new PaintMap.Nominal(fid, values);
                            }
                            case "quantitative" -> {
                                JsonNode[] ends = pair(domain.get("value"), "paint dimension");
                                yield new PaintMap.Quantitative(
                                        fid,
                                        required(number(ends[0], "paint dimension"), "lower end of a paint domain"),
                                        required(number(ends[1], "paint dimension"), "upper end of a paint domain"),
                                        whole(domain.get("width"), "width of a paint dimension"));
                            }
                            default -> throw unknown("paint domain type", type);
                        });
            }
            facets.add(PaintMap.Facet.deflated(dimensions, text(facet.get("map"), "map of a paint facet")));
        }
        return new PaintMap(facets, paintNames(value));
    }

    /** The first paint format: one square grid of {@code mapwidth} over two number fields {@code x} and {@code y}. */
    private static PaintMap oldPaintMap(JsonNode value) {
        int width = whole(value.get("mapwidth"), "width of a paint map");
        JsonNode[] x = pair(value.get("domainX"), "paint map x");
        JsonNode[] y = pair(value.get("domainY"), "paint map y");
        List<PaintMap.Dimension> dimensions = List.of(
                new PaintMap.Quantitative(
                        text(value.get("y"), "y field of a paint map"),
                        required(number(y[0], "paint map y"), "lower end of a paint domain"),
                        required(number(y[1], "paint map y"), "upper end of a paint domain"),
                        width),
                new PaintMap.Quantitative(
                        text(value.get("x"), "x field of a paint map"),
                        required(number(x[0], "paint map x"), "lower end of a paint domain"),
                        required(number(x[1], "paint map x"), "upper end of a paint domain"),
                        width));
        return new PaintMap(
                List.of(PaintMap.Facet.deflated(dimensions, text(value.get("map"), "map of a paint map"))),
                paintNames(value));
    }

    private static Map<Integer, String> paintNames(JsonNode value) {
        JsonNode dict = required(value.get("dict"), "colours (dict) of a paint map");
        if (!dict.isObject()) {
            throw invalid("The colours (dict) of a paint map must be an object.");
        }
        Map<Integer, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : dict.properties()) {
            int code;
            try {
                code = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                throw invalid("A paint map numbers its colours, not \"" + shorten(entry.getKey()) + "\".");
            }
            names.put(code, text(entry.getValue().get("name"), "name of a paint colour"));
        }
        return names;
    }

    private static JsonNode array(@Nullable JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw invalid("The chart query has no " + what + " (a list).");
        }
        return node;
    }

    private static String text(@Nullable JsonNode node, String what) {
        if (node == null || !node.isString()) {
            throw invalid("The chart query has no " + what + " (text).");
        }
        return node.stringValue();
    }

    private static int whole(@Nullable JsonNode node, String what) {
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
            throw invalid("The chart query has no " + what + " (a whole number).");
        }
        return node.intValue();
    }

    private static ViewStep.ViewQuery view(ViewBody view) {
        String op = required(view.op(), "view op");
        return switch (op) {
            case "aggregate" -> {
                List<ViewStep.Measure> measures = new ArrayList<>();
                for (MeasureBody measure : required(view.measures(), "measures of an aggregate view")) {
                    MeasureBody checked = required(measure, "measure");
                    measures.add(new ViewStep.Measure(
                            required(checked.field(), "measure field"),
                            Aggregation.fromWire(required(checked.agg(), "measure aggregation")),
                            required(checked.asFieldKey(), "measure name (asFieldKey)")));
                }
                yield new ViewStep.Aggregate(
                        view.groupBy() == null ? List.of() : names(view.groupBy(), "group-by"), measures);
            }
            case "raw" -> new ViewStep.Raw(names(required(view.fields(), "fields of a raw view"), "raw view"));
            case "fold" ->
                new ViewStep.Fold(
                        names(required(view.foldBy(), "fields to fold"), "fold"),
                        required(view.newFoldKeyCol(), "fold key column"),
                        required(view.newFoldValueCol(), "fold value column"));
            case "bin" ->
                throw new QuarryException(
                        EngineError.QUERY_NOT_SUPPORTED, "The chart asks for a bin view, which Quarry does not run.");
            default -> throw unknown("view", op);
        };
    }

    private static List<String> names(List<@Nullable String> names, String what) {
        List<String> checked = new ArrayList<>(names.size());
        for (String name : names) {
            checked.add(required(name, what + " field id"));
        }
        return checked;
    }

    private static <T> T required(@Nullable T value, String what) {
        if (value == null) {
            throw invalid("The chart query has no " + what + ".");
        }
        return value;
    }

    private static QuarryException invalid(String detail) {
        return new QuarryException(EngineError.QUERY_INVALID, detail);
    }

    private static QuarryException unknown(String what, String name) {
        return invalid("The chart asks for an unknown " + what + " \"" + shorten(name) + "\".");
    }

    private static String shorten(String name) {
        return name.length() > 80 ? name.substring(0, 80) + "…" : name;
    }
}
