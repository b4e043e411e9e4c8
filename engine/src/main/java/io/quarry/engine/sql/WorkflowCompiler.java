package io.quarry.engine.sql;

import io.quarry.engine.Column;
import io.quarry.engine.DataType;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import io.quarry.engine.expr.ExprChecker;
import io.quarry.engine.expr.ExprParser;
import io.quarry.engine.expr.ValueType;
import io.quarry.engine.query.Aggregation;
import io.quarry.engine.query.FilterStep;
import io.quarry.engine.query.FilterStep.FieldFilter;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.SortStep;
import io.quarry.engine.query.Step;
import io.quarry.engine.query.TransformOp;
import io.quarry.engine.query.TransformStep;
import io.quarry.engine.query.TransformStep.Param;
import io.quarry.engine.query.TransformStep.ParamType;
import io.quarry.engine.query.TransformStep.Transform;
import io.quarry.engine.query.ViewStep;
import io.quarry.engine.query.ViewStep.Measure;
import io.quarry.engine.query.ViewStep.ViewQuery;
import io.quarry.engine.query.Workflow;
import io.quarry.engine.sql.CompiledQuery.FieldKind;
import io.quarry.engine.sql.CompiledQuery.ResultField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a chart {@link Workflow} into one SQL query: a chain of common table expressions, one per step, each over
 * the one before. Fields get the compiler's own column names ({@code f0}, {@code f1}, ...), so no field id from the
 * payload ever becomes SQL text, and the hidden column {@code _o} carries each row's order (the row id at first) so
 * that sorts are stable and the result's order is always defined. See docs/charts.md.
 */
public final class WorkflowCompiler {

    /** Views in one workflow, at most. */
    public static final int MAX_VIEWS = 10;
    /** Steps in one workflow, and transforms in one workflow, at most. */
    public static final int MAX_STEPS = 100;

    /** Fails (with any error) when the bound regular expression is not valid for the engine. */
    public static final String PATTERN_CHECK = "SELECT regexp_matches('', ?)";

    static final String ORDER = "_o";

    /** The first relation, holding the dataset's columns. */
    private static final String BASE = "s0";

    /** A field's column as the compiler names it. */
    private static final Pattern FIELD_NAME = Pattern.compile("\\bf(\\d{1,9})\\b");

    /**
     * A field as the query knows it: its column in the current relation and its kind.
     *
     * @param bins for a bin field, the one-row relation holding its {@code lo} and {@code w}; the column then holds
     *     only the bin's number, and the {@code [lo, hi]} list is made when the value is needed
     */
    record Field(String column, FieldKind kind, @Nullable String bins) {

        Field(String column, FieldKind kind) {
            this(column, kind, null);
        }

        /** The same field under another column. */
        Field renamed(String newColumn) {
            return new Field(newColumn, kind, bins);
        }

        /** The SQL of the field's value: the column, or for a bin its {@code [lo, hi]} list. */
        String value() {
            if (bins == null) {
                return column;
            }
            String lo = "(SELECT lo FROM " + bins + ")";
            String w = "(SELECT w FROM " + bins + ")";
            return "CASE WHEN " + column + " IS NULL THEN NULL ELSE [" + lo + " + " + column + " * " + w + ", " + lo
                    + " + (" + column + " + 1) * " + w + "] END";
        }
    }

    private final Predicate<String> validPattern;
    private final List<Object> parameters = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> ctes = new ArrayList<>();
    private Map<String, Field> fields = new LinkedHashMap<>();
    private String relation = "";
    private int relations;
    private int columns;
    /** The dataset: its alias, its columns, and the column behind each base field. */
    private String alias = "";

    private List<Column> schema = List.of();
    private final Map<String, Column> baseColumns = new HashMap<>();
    /** The relation (by number) where the current rows begin: the base, or the last filter or view. */
    private int rowsFrom;
    /** The relation (by number) that made each column. */
    private final Map<String, Integer> origins = new HashMap<>();

    private WorkflowCompiler(Predicate<String> validPattern) {
        this.validPattern = validPattern;
    }

    /**
     * @param alias the attached database of the dataset
     * @param schema the dataset's columns; a column's field id is its API name
     * @param validPattern whether a regular expression is valid for the engine that will run the query
     */
    public static CompiledQuery compile(
            String alias, List<Column> schema, Workflow workflow, QueryLimits limits, Predicate<String> validPattern) {
        checkSize(workflow, limits);
        return new WorkflowCompiler(validPattern).run(alias, schema, workflow, limits);
    }

    private static void checkSize(Workflow workflow, QueryLimits limits) {
        if (workflow.steps().size() > MAX_STEPS) {
            throw invalid("A chart query can have at most " + MAX_STEPS + " steps; this one has "
                    + workflow.steps().size() + ".");
        }
        int filters = 0;
        int views = 0;
        int transforms = 0;
        for (Step step : workflow.steps()) {
            switch (step) {
                case FilterStep filter -> filters += filter.filters().size();
                case ViewStep view -> views += view.query().size();
                case TransformStep transform ->
                    transforms += transform.transforms().size();
                case SortStep sort -> {
                    // sorts cost nothing to count
                }
            }
        }
        if (filters > limits.maxFilters()) {
            throw invalid("A chart query can have at most " + limits.maxFilters() + " filters; this one has " + filters
                    + ".");
        }
        if (views > MAX_VIEWS) {
            throw invalid("A chart query can have at most " + MAX_VIEWS + " views; this one has " + views + ".");
        }
        if (transforms > MAX_STEPS) {
            throw invalid(
                    "A chart query can have at most " + MAX_STEPS + " transforms; this one has " + transforms + ".");
        }
    }

    private CompiledQuery run(String alias, List<Column> schema, Workflow workflow, QueryLimits limits) {
        this.alias = alias;
        this.schema = schema;
        fieldsOf(schema);
        String finalOrder = "";
        List<Step> steps = workflow.steps();
        for (int i = 0; i < steps.size(); i++) {
            switch (steps.get(i)) {
                case FilterStep filter -> filter(filter);
                case TransformStep transform -> transform.transforms().forEach(this::transform);
                case ViewStep view -> view.query().forEach(this::view);
                case SortStep sort -> {
                    String order = order(sort);
                    if (i == steps.size() - 1) {
                        finalOrder = order + ", ";
                    } else {
                        add("SELECT * EXCLUDE (" + ORDER + "), row_number() OVER (ORDER BY " + order + ", " + ORDER
                                + ") AS " + ORDER + " FROM " + relation);
                    }
                }
            }
        }
        StringJoiner select = new StringJoiner(", ");
        List<ResultField> result = new ArrayList<>();
        fields.forEach((fid, field) -> {
            select.add(field.kind() == FieldKind.TEMPORAL ? "epoch_ms(" + field.column() + ")" : field.value());
            result.add(new ResultField(fid, field.kind()));
        });
        if (workflow.limit() > limits.maxRows()) {
            throw invalid(String.format(
                    Locale.ROOT,
                    "The chart asks for %,d rows; at most %,d come back at once. Ask for fewer, or page with offset.",
                    workflow.limit(),
                    limits.maxRows()));
        }
        long fetch;
        long cappedAbove;
        if (workflow.limit() > 0) {
            fetch = workflow.limit();
            cappedAbove = Long.MAX_VALUE;
        } else {
            fetch = limits.maxRows() + 1L;
            cappedAbove = limits.maxRows();
        }
        parameters.add(fetch);
        parameters.add(workflow.offset());
        String tail =
                "SELECT " + select + " FROM " + relation + " ORDER BY " + finalOrder + ORDER + " LIMIT ? OFFSET ?";
        ctes.set(0, BASE + " AS (" + base(alias, schema, String.join("\n", ctes) + tail) + ")");
        String sql = "WITH " + String.join(",\n", ctes) + "\n" + tail;
        return new CompiledQuery(sql, parameters, result, fetch, cappedAbove, warnings);
    }

    private void add(String body) {
        relation = "s" + relations++;
        ctes.add(relation + " AS (" + body + ")");
    }

    private String newColumn() {
        return "f" + columns++;
    }

    /** Makes the dataset's columns the first fields, {@code f0..fN}; the base relation is written last. */
    private void fieldsOf(List<Column> schema) {
        for (Column column : schema) {
            String name = newColumn();
            baseColumns.put(name, column);
            origins.put(name, 0);
            fields.put(column.name(), new Field(name, kind(column.type().type())));
        }
        relation = "s" + relations++;
        ctes.add(BASE);
    }

    /**
     * The base relation: the row id and the dataset's columns as fields {@code f0..fN}. Of a dataset kept in several
     * tables, only the columns the rest of the query names, so that it reads only their tables.
     */
    private static String base(String alias, List<Column> schema, String rest) {
        boolean all = StorageSql.tableCount(schema.size()) == 1;
        Set<Integer> named = new HashSet<>();
        Matcher name = FIELD_NAME.matcher(all ? "" : rest);
        while (name.find()) {
            named.add(Integer.parseInt(name.group(1)));
        }
        StringBuilder sql = new StringBuilder("SELECT rowid AS " + ORDER);
        List<Column> used = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            if (all || named.contains(i)) {
                Column column = schema.get(i);
                sql.append(", ").append(value(column)).append(" AS f").append(i);
                used.add(column);
            }
        }
        return sql.append(" FROM ").append(StorageSql.rows(alias, schema, used)).toString();
    }

    /** A base column's value as a field: dates become timestamps, like every temporal field. */
    private static String value(Column column) {
        String physical = StorageSql.physical(column);
        return column.type().type() == DataType.DATE ? "CAST(" + physical + " AS TIMESTAMP)" : physical;
    }

    private static FieldKind kind(DataType type) {
        return switch (type) {
            case BIGINT, DECIMAL, DOUBLE -> FieldKind.NUMBER;
            case BOOLEAN -> FieldKind.BOOLEAN;
            case DATE, TIMESTAMP -> FieldKind.TEMPORAL;
            case VARCHAR -> FieldKind.TEXT;
        };
    }

    private Field field(String fid) {
        Field field = fields.get(fid);
        if (field != null) {
            return field;
        }
        for (Map.Entry<String, Field> entry : fields.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(fid)) {
                return entry.getValue();
            }
        }
        throw new QuarryException(
                EngineError.QUERY_UNKNOWN_FIELD,
                "The chart asks for a field " + ChartExpressions.quote(fid) + " that the dataset does not have.");
    }

    private void filter(FilterStep step) {
        StringJoiner where = new StringJoiner(" AND ");
        for (FieldFilter filter : step.filters()) {
            where.add("("
                    + ChartExpressions.condition(
                            filter.fid(), field(filter.fid()), filter.rule(), parameters, warnings, validPattern)
                    + ")");
        }
        add("SELECT * FROM " + relation + (where.length() == 0 ? "" : " WHERE " + where));
        rowsFrom = relations - 1;
    }

    /**
     * Where a bin reads its field's bounds: the earliest relation with the current rows that holds the field's column.
     * On the base rows that is the table itself, so the base relation is not read twice (DuckDB would materialise it)
     * and the bounds come from the table's statistics.
     */
    private String statsSource(Field field) {
        int from = Math.max(rowsFrom, origins.getOrDefault(field.column(), relations - 1));
        Column base = baseColumns.get(field.column());
        if (from == 0 && base != null) {
            return "(SELECT " + value(base) + " AS " + field.column() + " FROM "
                    + StorageSql.rows(alias, schema, List.of(base)) + ")";
        }
        return "s" + from;
    }

    private void transform(Transform transform) {
        for (Param param : transform.params()) {
            if (param.type() == ParamType.SQL && transform.op() != TransformOp.EXPR) {
                throw invalid("Only the expr transform takes a sql parameter; the "
                        + transform.op().wireName() + " transform does not.");
            }
        }
        String column = newColumn();
        if (transform.op() == TransformOp.EXPR) {
            ExprChecker.Checked checked = ExprChecker.row(ExprParser.parse(expressionText(transform)), this::fieldInfo);
            add("SELECT p.*, "
                    + ExpressionSql.sql(checked, fid -> "p." + field(fid).column()) + " AS " + column + " FROM "
                    + relation + " AS p");
            origins.put(column, relations - 1);
            fields.put(transform.as(), new Field(column, kind(checked.type())));
            return;
        }
        String side = "b" + column.substring(1);
        ChartExpressions.Derived derived =
                ChartExpressions.transform(transform, this::field, this::statsSource, side, parameters);
        if (derived.side() == null) {
            add("SELECT p.*, " + derived.expression() + " AS " + column + " FROM " + relation + " AS p");
            origins.put(column, relations - 1);
            fields.put(transform.as(), new Field(column, derived.kind()));
            return;
        }
        ctes.add(side + " AS (" + derived.side() + ")");
        add("SELECT p.*, " + derived.expression() + " AS " + column + " FROM " + relation + " AS p CROSS JOIN " + side);
        origins.put(column, relations - 1);
        fields.put(transform.as(), new Field(column, derived.kind(), derived.kind() == FieldKind.BIN ? side : null));
    }

    private static String expressionText(Transform transform) {
        for (Param param : transform.params()) {
            if (param.type() == ParamType.SQL && param.value() instanceof String text) {
                return text;
            }
        }
        throw invalid("The expr transform needs a sql parameter holding the expression.");
    }

    /** A field as an expression sees it, by id and then ignoring case; null when there is none. */
    private ExprChecker.@Nullable FieldInfo fieldInfo(String name) {
        String key = keyOf(name);
        Field field = fields.get(key);
        return field == null ? null : new ExprChecker.FieldInfo(key, valueType(field.kind()));
    }

    private static ValueType valueType(FieldKind kind) {
        return switch (kind) {
            case NUMBER -> ValueType.NUMBER;
            case TEXT -> ValueType.TEXT;
            case BOOLEAN -> ValueType.BOOLEAN;
            case TEMPORAL -> ValueType.TEMPORAL;
            case BIN -> ValueType.BIN;
        };
    }

    private static FieldKind kind(ValueType type) {
        return switch (type) {
            case NUMBER -> FieldKind.NUMBER;
            case TEXT, NULL -> FieldKind.TEXT;
            case BOOLEAN -> FieldKind.BOOLEAN;
            case TEMPORAL -> FieldKind.TEMPORAL;
            case BIN -> throw new IllegalStateException("an expression never gives a bin");
        };
    }

    private void view(ViewQuery query) {
        switch (query) {
            case ViewStep.Aggregate aggregate -> aggregate(aggregate);
            case ViewStep.Raw raw -> raw(raw);
            case ViewStep.Fold fold -> fold(fold);
        }
    }

    private void aggregate(ViewStep.Aggregate aggregate) {
        if (aggregate.groupBy().isEmpty() && aggregate.measures().isEmpty()) {
            throw invalid("An aggregate view needs a measure or a field to group by.");
        }
        Map<String, Field> out = new LinkedHashMap<>();
        StringJoiner select = new StringJoiner(", ");
        StringJoiner group = new StringJoiner(", ");
        StringJoiner order = new StringJoiner(", ");
        for (String fid : aggregate.groupBy()) {
            Field field = field(fid);
            String column = newColumn();
            select.add(field.column() + " AS " + column);
            group.add(field.column());
            order.add(field.column() + " ASC NULLS LAST");
            putOnce(out, fid, field.renamed(column));
        }
        Set<String> grouped = new HashSet<>();
        aggregate.groupBy().forEach(fid -> grouped.add(keyOf(fid)));
        for (Measure measure : aggregate.measures()) {
            String column = newColumn();
            if (measure.agg() == Aggregation.EXPR) {
                ExprChecker.Checked checked =
                        ExprChecker.aggregate(ExprParser.parse(measure.field()), this::fieldInfo, grouped::contains);
                select.add(ExpressionSql.sql(checked, fid -> field(fid).column()) + " AS " + column);
                putOnce(out, measure.asFieldKey(), new Field(column, kind(checked.type())));
                continue;
            }
            Field field = measure.field().equals("*") ? null : field(measure.field());
            select.add(ChartExpressions.aggregate(measure, field) + " AS " + column);
            FieldKind kind = ChartExpressions.measureKind(measure, field);
            putOnce(
                    out,
                    measure.asFieldKey(),
                    kind == FieldKind.BIN && field != null ? field.renamed(column) : new Field(column, kind));
        }
        select.add("row_number() OVER (" + (order.length() == 0 ? "" : "ORDER BY " + order) + ") AS " + ORDER);
        add("SELECT " + select + " FROM " + relation + (group.length() == 0 ? "" : " GROUP BY " + group));
        rowsFrom = relations - 1;
        fields = out;
    }

    private static void putOnce(Map<String, Field> out, String fid, Field field) {
        if (out.putIfAbsent(fid, field) != null) {
            throw invalid("The view names the field " + ChartExpressions.quote(fid) + " twice.");
        }
    }

    private void raw(ViewStep.Raw raw) {
        if (raw.fields().isEmpty()) {
            throw invalid("A raw view needs at least one field.");
        }
        if (raw.fields().equals(List.of("*"))) {
            return;
        }
        Map<String, Field> out = new LinkedHashMap<>();
        StringJoiner select = new StringJoiner(", ", ORDER + ", ", "");
        for (String fid : raw.fields()) {
            Field field = field(fid);
            if (out.putIfAbsent(fid, field) == null) {
                select.add(field.column());
            }
        }
        add("SELECT " + select + " FROM " + relation);
        rowsFrom = relations - 1;
        fields = out;
    }

    private void fold(ViewStep.Fold fold) {
        List<Field> folded = new ArrayList<>();
        for (String fid : fold.foldBy()) {
            folded.add(field(fid));
        }
        Map<String, Field> out = new LinkedHashMap<>(fields);
        fold.foldBy().forEach(fid -> out.remove(keyOf(fid)));
        boolean numbers = folded.stream().allMatch(field -> field.kind() == FieldKind.NUMBER);
        String keyColumn = newColumn();
        String valueColumn = newColumn();
        StringJoiner others = new StringJoiner("");
        out.values().forEach(field -> others.add(", " + field.column()));
        StringJoiner union = new StringJoiner(" UNION ALL ");
        for (int i = 0; i < folded.size(); i++) {
            parameters.add(fold.foldBy().get(i));
            union.add("SELECT " + ORDER + " * " + folded.size() + " + " + i + " AS " + ORDER + others
                    + ", CAST(? AS VARCHAR) AS " + keyColumn + ", CAST("
                    + folded.get(i).value() + " AS "
                    + (numbers ? "DOUBLE" : "VARCHAR") + ") AS " + valueColumn + " FROM " + relation);
        }
        putOnce(out, fold.newFoldKeyCol(), new Field(keyColumn, FieldKind.TEXT));
        putOnce(out, fold.newFoldValueCol(), new Field(valueColumn, numbers ? FieldKind.NUMBER : FieldKind.TEXT));
        add(union.toString());
        rowsFrom = relations - 1;
        fields = out;
    }

    /** The key under which a field is known (its exact key, when the payload used another case). */
    private String keyOf(String fid) {
        if (fields.containsKey(fid)) {
            return fid;
        }
        for (String key : fields.keySet()) {
            if (key.equalsIgnoreCase(fid)) {
                return key;
            }
        }
        return fid;
    }

    private String order(SortStep sort) {
        StringJoiner order = new StringJoiner(", ");
        for (String fid : sort.by()) {
            order.add(field(fid).column() + (sort.descending() ? " DESC" : " ASC") + " NULLS LAST");
        }
        return order.toString();
    }

    private static QuarryException invalid(String detail) {
        return ChartExpressions.invalid(detail);
    }
}
