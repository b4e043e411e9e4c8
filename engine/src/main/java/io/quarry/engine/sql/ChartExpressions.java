package io.quarry.engine.sql;

import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import io.quarry.engine.query.Aggregation;
import io.quarry.engine.query.FilterRule;
import io.quarry.engine.query.PaintMap;
import io.quarry.engine.query.TransformStep.Param;
import io.quarry.engine.query.TransformStep.ParamType;
import io.quarry.engine.query.TransformStep.Transform;
import io.quarry.engine.query.ViewStep.Measure;
import io.quarry.engine.sql.CompiledQuery.FieldKind;
import io.quarry.engine.sql.WorkflowCompiler.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The SQL expressions of chart filters, transforms and measures. Fields are referred to only by the compiler's own
 * column names; every value from the payload is a bound parameter or is checked against a fixed list first.
 */
final class ChartExpressions {

    private static final int MAX_SHOWN = 80;
    private static final int DEFAULT_BINS = 10;
    /** Patterns with no character special to regular expressions or to LIKE: they match as plain text. */
    private static final Pattern PLAIN_WORDS = Pattern.compile("[A-Za-z0-9 ]+");

    private ChartExpressions() {}

    /**
     * A derived field: its expression over {@code p}, its kind, and the query of a one-row relation the expression
     * reads under the side alias (a bin's {@code lo} and {@code w}, a paint map's cells), or null.
     */
    record Derived(
            String expression, FieldKind kind, @Nullable String side) {

        Derived(String expression, FieldKind kind) {
            this(expression, kind, null);
        }
    }

    static String quote(String text) {
        return '"' + (text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text) + '"';
    }

    static QuarryException invalid(String detail) {
        return new QuarryException(EngineError.QUERY_INVALID, detail);
    }

    // ---- filters

    static String condition(
            String fid,
            Field field,
            FilterRule rule,
            List<Object> parameters,
            List<String> warnings,
            Predicate<String> validPattern) {
        String c = field.column();
        return switch (rule) {
            case FilterRule.Range range -> {
                if (field.kind() != FieldKind.NUMBER && field.kind() != FieldKind.TEMPORAL) {
                    throw invalid("The range filter on " + quote(fid) + " needs a number or date field.");
                }
                String value = field.kind() == FieldKind.TEMPORAL ? "epoch_ms(" + c + ")" : c;
                yield bounds(value, c, range.min(), range.max(), "DOUBLE", parameters);
            }
            case FilterRule.TemporalRange range -> {
                if (field.kind() != FieldKind.NUMBER && field.kind() != FieldKind.TEMPORAL) {
                    throw invalid("The temporal range filter on " + quote(fid) + " needs a date or time field.");
                }
                yield field.kind() == FieldKind.TEMPORAL
                        ? temporalBounds(c, range.min(), range.max(), parameters)
                        : bounds(c, c, range.min(), range.max(), "BIGINT", parameters);
            }
            case FilterRule.OneOf oneOf -> {
                Members members = members(fid, field, oneOf.values());
                List<String> any = new ArrayList<>();
                if (!members.values().isEmpty()) {
                    any.add(members.in(parameters));
                }
                if (members.hasNull()) {
                    any.add(c + " IS NULL");
                }
                yield any.isEmpty() ? "false" : String.join(" OR ", any);
            }
            case FilterRule.NotIn notIn -> {
                Members members = members(fid, field, notIn.values());
                if (members.values().isEmpty()) {
                    yield members.hasNull() ? c + " IS NOT NULL" : "true";
                }
                String notAmong = "NOT (" + members.in(parameters) + ")";
                yield members.hasNull() ? c + " IS NOT NULL AND " + notAmong : c + " IS NULL OR " + notAmong;
            }
            case FilterRule.Regexp regexp -> {
                if (!validPattern.test(regexp.pattern())) {
                    warnings.add("The pattern " + quote(regexp.pattern()) + " is not a valid regular expression.");
                    yield "false";
                }
                String text = "CAST(" + field.value() + " AS VARCHAR)";
                if (PLAIN_WORDS.matcher(regexp.pattern()).matches()) {
                    // the same match as the regular expression, by the engine's faster substring search
                    yield regexp.caseSensitive()
                            ? "contains(" + text + ", " + Sql.literal(regexp.pattern()) + ")"
                            : text + " ILIKE " + Sql.literal("%" + regexp.pattern() + "%");
                }
                parameters.add(regexp.pattern());
                yield "regexp_matches(" + text + ", ?" + (regexp.caseSensitive() ? "" : ", 'i'") + ")";
            }
        };
    }

    private static String bounds(
            String value, String c, @Nullable Object min, @Nullable Object max, String type, List<Object> parameters) {
        List<String> terms = new ArrayList<>();
        if (min != null) {
            parameters.add(min);
            terms.add(value + " >= CAST(? AS " + type + ")");
        }
        if (max != null) {
            parameters.add(max);
            terms.add(value + " <= CAST(? AS " + type + ")");
        }
        return terms.isEmpty() ? c + " IS NOT NULL" : String.join(" AND ", terms);
    }

    /**
     * A temporal range in epoch milliseconds as comparisons on the column itself, so no value is converted per row and
     * DuckDB can skip row groups by their min/max. Exactly {@code lo <= epoch_ms(c) <= hi}, with {@code epoch_ms}
     * truncating microseconds toward zero: {@code c >= ms(lo)} for {@code lo >= 1}, else {@code c > ms(lo - 1)};
     * {@code c < ms(hi + 1)} for {@code hi >= 0}, else {@code c <= ms(hi)}.
     */
    private static String temporalBounds(String c, @Nullable Long min, @Nullable Long max, List<Object> parameters) {
        List<String> terms = new ArrayList<>();
        if (min != null) {
            parameters.add(min >= 1 ? min : min - 1);
            terms.add(c + (min >= 1 ? " >= " : " > ") + "epoch_ms(CAST(? AS BIGINT))");
        }
        if (max != null) {
            parameters.add(max >= 0 ? max + 1 : max);
            terms.add(c + (max >= 0 ? " < " : " <= ") + "epoch_ms(CAST(? AS BIGINT))");
        }
        return terms.isEmpty() ? c + " IS NOT NULL" : String.join(" AND ", terms);
    }

    /** The non-null members of a value list as text of the field's SQL type, and whether null was among them. */
    private record Members(String value, String type, List<String> values, boolean hasNull) {

        String in(List<Object> parameters) {
            parameters.add(new SqlArray(values));
            return value + " IN (SELECT unnest(CAST(? AS " + type + "[])))";
        }
    }

    private static Members members(String fid, Field field, List<@Nullable Object> values) {
        List<String> texts = new ArrayList<>();
        boolean hasNull = false;
        for (Object value : values) {
            if (value == null) {
                hasNull = true;
            } else {
                texts.add(member(fid, field.kind(), value));
            }
        }
        String c = field.column();
        return switch (field.kind()) {
            case NUMBER -> new Members("CAST(" + c + " AS DOUBLE)", "DOUBLE", texts, hasNull);
            case TEMPORAL -> new Members("epoch_ms(" + c + ")", "BIGINT", texts, hasNull);
            case BOOLEAN -> new Members(c, "BOOLEAN", texts, hasNull);
            case TEXT -> new Members(c, "VARCHAR", texts, hasNull);
            case BIN -> throw invalid("The filter on " + quote(fid) + " cannot compare bins; filter the field itself.");
        };
    }

    private static String member(String fid, FieldKind kind, Object value) {
        String text = value instanceof Number number ? numberText(number) : value.toString();
        switch (kind) {
            case NUMBER -> {
                if (value instanceof Boolean || !isNumber(text)) {
                    throw invalid("The filter on " + quote(fid) + " needs numbers; " + quote(text) + " is not one.");
                }
            }
            case TEMPORAL -> {
                if (value instanceof Boolean || !text.matches("-?\\d{1,18}")) {
                    throw invalid("The filter on " + quote(fid) + " needs times in epoch milliseconds; " + quote(text)
                            + " is not one.");
                }
            }
            case BOOLEAN -> {
                text = text.toLowerCase(Locale.ROOT);
                if (!text.equals("true") && !text.equals("false")) {
                    throw invalid("The filter on " + quote(fid) + " needs true or false, not " + quote(text) + ".");
                }
            }
            case TEXT, BIN -> {
                // any text compares
            }
        }
        return text;
    }

    private static boolean isNumber(String text) {
        try {
            return !Double.isNaN(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String numberText(Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        if (number instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return number.toString();
    }

    // ---- transforms

    /**
     * @param statsSource for a field, a relation with the same rows as the current one that holds its column, where a
     *     bin reads the field's bounds
     * @param side the alias of the derived field's one-row relation, if it needs one
     * @param parameters the query's parameters so far, for the values bound in the side relation
     */
    static Derived transform(
            Transform transform,
            Function<String, Field> lookup,
            Function<Field, String> statsSource,
            String side,
            List<Object> parameters) {
        return switch (transform.op()) {
            case ONE -> new Derived("CAST(1 AS BIGINT)", FieldKind.NUMBER);
            case LOG, LOG2, LOG10 -> {
                String c = "p." + numberField(transform, lookup).column();
                String log = switch (transform.op()) {
                    case LOG2 -> "log2(" + c + ")";
                    case LOG10 -> "log10(" + c + ")";
                    default ->
                        transform.num() == null
                                ? "ln(" + c + ")"
                                : "ln(" + c + ") / ln(" + logBase(transform.num()) + ")";
                };
                yield new Derived("CASE WHEN " + c + " > 0 THEN " + log + " END", FieldKind.NUMBER);
            }
            case BIN -> bin(transform, lookup, statsSource, side);
            case DATE_TIME_DRILL -> {
                String c = "p." + temporalField(transform, lookup).column();
                String unit = unit(transform);
                String expression = switch (unit) {
                    case "week" -> "(date_trunc('day', " + c + ") - to_days(CAST(dayofweek(" + c + ") AS INTEGER)))";
                    case "year", "quarter", "month", "day", "hour", "minute", "second" ->
                        "date_trunc(" + Sql.literal(unit) + ", " + c + ")";
                    default ->
                        throw invalid("The dateTimeDrill transform cannot use the unit " + quote(unit)
                                + "; use year, quarter, month, week, day, hour, minute or second.");
                };
                yield new Derived(expression, FieldKind.TEMPORAL);
            }
            case DATE_TIME_FEATURE -> {
                String c = "p." + temporalField(transform, lookup).column();
                String unit = unit(transform);
                String function = switch (unit) {
                    case "year", "quarter", "month", "week", "day", "hour", "minute", "second" -> unit;
                    case "weekday" -> "dayofweek";
                    default ->
                        throw invalid("The dateTimeFeature transform cannot use the unit "
                                + quote(unit)
                                + "; use year, quarter, month, week, weekday, day, hour, minute or second.");
                };
                yield new Derived("CAST(" + function + "(" + c + ") AS BIGINT)", FieldKind.NUMBER);
            }
            case BIN_COUNT -> {
                String c = "p." + numberField(transform, lookup).column();
                int buckets = transform.num() == null ? DEFAULT_BINS : transform.num();
                yield new Derived(
                        "CASE WHEN " + c + " IS NULL THEN NULL ELSE (row_number() OVER (ORDER BY " + c
                                + " ASC NULLS LAST, p." + WorkflowCompiler.ORDER + ") - 1) * " + buckets
                                + " // greatest(count(" + c + ") OVER (), 1) + 1 END",
                        FieldKind.NUMBER);
            }
            case PAINT -> paint(paintMap(transform), lookup, side, parameters);
            case EXPR -> throw new IllegalStateException("the compiler writes expr fields itself");
        };
    }

    private static String logBase(int base) {
        if (base < 2) {
            throw invalid("The log transform needs a base of 2 or more, not " + base + ".");
        }
        return Integer.toString(base);
    }

    /** The bin's number (0 … bins − 1, null for null); the compiler makes the {@code [lo, hi]} list from it. */
    private static Derived bin(
            Transform transform, Function<String, Field> lookup, Function<Field, String> statsSource, String b) {
        Field field = numberField(transform, lookup);
        String column = field.column();
        int bins = transform.num() == null ? DEFAULT_BINS : transform.num();
        String c = "p." + column;
        String stats = "SELECT CAST(min(" + column + ") AS DOUBLE) AS lo, (CAST(max(" + column
                + ") AS DOUBLE) - CAST(min(" + column + ") AS DOUBLE)) / " + bins + " AS w FROM "
                + statsSource.apply(field);
        String expression = "CASE WHEN " + c + " IS NULL THEN NULL WHEN " + b + ".w = 0 THEN 0 ELSE least(floor((" + c
                + " - " + b + ".lo) / " + b + ".w), " + (bins - 1) + ") END";
        return new Derived(expression, FieldKind.BIN, stats);
    }

    private static PaintMap paintMap(Transform transform) {
        PaintMap found = null;
        for (Param param : transform.params()) {
            if (param.value() instanceof PaintMap map
                    && (param.type() == ParamType.NEW_MAP || (param.type() == ParamType.MAP && found == null))) {
                found = map;
            }
        }
        if (found == null) {
            throw invalid("The paint transform needs a paint map (a newmap or map parameter).");
        }
        return found;
    }

    /**
     * The colour name of each row: colour 1 unless a facet painted the row's cell. Each facet's cells are one list in
     * the side relation, and a row's cell is its position along each dimension times the dimension's weight.
     */
    private static Derived paint(PaintMap map, Function<String, Field> lookup, String s, List<Object> parameters) {
        List<String> side = new ArrayList<>();
        String name1 = map.names().get(1);
        String result = name1 == null ? "CAST(NULL AS VARCHAR)" : Sql.literal(name1);
        for (PaintMap.Facet facet : map.facets()) {
            List<PaintMap.Dimension> dimensions = facet.dimensions();
            StringJoiner cell = new StringJoiner(" + ");
            long weight = facet.cells().length;
            for (PaintMap.Dimension dimension : dimensions) {
                weight /= dimension.width();
                cell.add("(" + position(dimension, lookup, s, side, parameters) + ") * " + weight);
            }
            byte[] cells = facet.cells();
            List<String> codes = new ArrayList<>(cells.length);
            for (byte code : cells) {
                codes.add(Integer.toString(Byte.toUnsignedInt(code)));
            }
            String list = "m" + side.size();
            parameters.add(new SqlArray(codes));
            side.add("CAST(? AS UTINYINT[]) AS " + list);
            String code = s + "." + list + "[" + cell + " + 1]";
            StringJoiner names = new StringJoiner(" ", "CASE " + code + " ", " END");
            map.names().forEach((number, name) -> names.add("WHEN " + number + " THEN " + Sql.literal(name)));
            result = "CASE WHEN " + code + " <> 0 THEN " + (map.names().isEmpty() ? "NULL" : names.toString())
                    + " ELSE " + result + " END";
        }
        return new Derived(result, FieldKind.TEXT, "SELECT " + String.join(", ", side));
    }

    /** A row's position (0 … width − 1) along one dimension of a paint facet. */
    private static String position(
            PaintMap.Dimension dimension,
            Function<String, Field> lookup,
            String s,
            List<String> side,
            List<Object> parameters) {
        Field field = lookup.apply(dimension.fid());
        String c = "p." + field.column();
        switch (dimension) {
            case PaintMap.Quantitative q -> {
                String v = switch (field.kind()) {
                    case NUMBER -> "coalesce(CAST(" + c + " AS DOUBLE), 0)";
                    case TEMPORAL -> "coalesce(CAST(epoch_ms(" + c + ") AS DOUBLE), 0)";
                    default ->
                        throw invalid(
                                "The paint dimension on " + quote(dimension.fid()) + " needs a number or date field.");
                };
                String lo = "CAST(" + Sql.literal(Double.toString(q.lo())) + " AS DOUBLE)";
                String hi = "CAST(" + Sql.literal(Double.toString(q.hi())) + " AS DOUBLE)";
                return "CASE WHEN " + v + " >= " + hi + " THEN " + (q.width() - 1) + " WHEN " + v + " <= " + lo
                        + " THEN 0 ELSE CAST(floor(" + q.width() + " * (" + v + " - " + lo + ") / (" + hi + " - " + lo
                        + ")) AS BIGINT) END";
            }
            case PaintMap.Nominal n -> {
                List<String> texts = new ArrayList<>();
                List<String> indexes = new ArrayList<>();
                int nullIndex = -1;
                for (int i = 0; i < n.values().size(); i++) {
                    Object value = n.values().get(i);
                    if (value == null) {
                        nullIndex = nullIndex < 0 ? i : nullIndex;
                    } else {
                        texts.add(member(dimension.fid(), field.kind(), value));
                        indexes.add(Integer.toString(i));
                    }
                }
                String type = switch (field.kind()) {
                    case NUMBER -> "DOUBLE";
                    case TEMPORAL -> "BIGINT";
                    case BOOLEAN -> "BOOLEAN";
                    case TEXT -> "VARCHAR";
                    case BIN -> throw invalid("The paint dimension on " + quote(dimension.fid()) + " cannot use bins.");
                };
                String v = switch (field.kind()) {
                    case NUMBER -> "CAST(" + c + " AS DOUBLE)";
                    case TEMPORAL -> "epoch_ms(" + c + ")";
                    default -> c;
                };
                String found = "0";
                if (!texts.isEmpty()) {
                    String values = "v" + side.size();
                    parameters.add(new SqlArray(texts));
                    side.add("CAST(? AS " + type + "[]) AS " + values);
                    String positions = "i" + side.size();
                    parameters.add(new SqlArray(indexes));
                    side.add("CAST(? AS BIGINT[]) AS " + positions);
                    found = "coalesce(" + s + "." + positions + "[list_position(" + s + "." + values + ", " + v
                            + ")], 0)";
                }
                return "CASE WHEN " + v + " IS NULL THEN " + Math.max(nullIndex, 0) + " ELSE " + found + " END";
            }
        }
    }

    private static Field numberField(Transform transform, Function<String, Field> lookup) {
        String fid = fieldParam(transform);
        Field field = lookup.apply(fid);
        if (field.kind() != FieldKind.NUMBER) {
            throw invalid("The " + transform.op().wireName() + " transform needs a number field; " + quote(fid)
                    + " is not one.");
        }
        return field;
    }

    private static Field temporalField(Transform transform, Function<String, Field> lookup) {
        String fid = fieldParam(transform);
        Field field = lookup.apply(fid);
        if (field.kind() != FieldKind.TEMPORAL) {
            throw invalid("The " + transform.op().wireName() + " transform needs a date or time field; " + quote(fid)
                    + " is not one.");
        }
        return field;
    }

    private static String fieldParam(Transform transform) {
        for (Param param : transform.params()) {
            if (param.type() == ParamType.FIELD && param.value() instanceof String fid) {
                return fid;
            }
        }
        throw invalid("The " + transform.op().wireName() + " transform needs a field.");
    }

    private static String unit(Transform transform) {
        for (Param param : transform.params()) {
            if (param.type() == ParamType.VALUE && param.value() instanceof String unit) {
                return unit;
            }
        }
        throw invalid("The " + transform.op().wireName() + " transform needs a unit such as \"month\".");
    }

    // ---- measures

    /** The aggregate expression of a measure; {@code field} is null for {@code "*"}. */
    static String aggregate(Measure measure, @Nullable Field field) {
        Aggregation agg = measure.agg();
        if (agg == Aggregation.COUNT) {
            return "count(*)";
        }
        if (agg == Aggregation.EXPR) {
            throw new IllegalStateException("the compiler writes expr measures itself");
        }
        if (field == null) {
            throw invalid("The " + agg.wireName() + " aggregation needs a field, not \"*\".");
        }
        String c = field.column();
        boolean number = field.kind() == FieldKind.NUMBER;
        return switch (agg) {
            case MAX -> "max(" + c + ")";
            case MIN -> "min(" + c + ")";
            case DISTINCT_COUNT -> "count(DISTINCT " + c + ")";
            case SUM -> numeric(number, measure, "sum(" + c + ")");
            case MEAN -> numeric(number, measure, "avg(" + c + ")");
            case MEDIAN -> numeric(number, measure, "median(" + c + ")");
            case VARIANCE -> numeric(number, measure, "var_pop(" + c + ")");
            case STDEV -> numeric(number, measure, "stddev_pop(" + c + ")");
            case COUNT, EXPR -> throw new IllegalStateException("handled above");
        };
    }

    private static String numeric(boolean number, Measure measure, String expression) {
        if (!number) {
            throw invalid("The " + measure.agg().wireName() + " aggregation needs a number field; "
                    + quote(measure.field()) + " is not one.");
        }
        return expression;
    }

    static FieldKind measureKind(Measure measure, @Nullable Field field) {
        return switch (measure.agg()) {
            case MAX, MIN -> field == null ? FieldKind.NUMBER : field.kind();
            case SUM, COUNT, MEAN, MEDIAN, VARIANCE, STDEV, DISTINCT_COUNT, EXPR -> FieldKind.NUMBER;
        };
    }
}
