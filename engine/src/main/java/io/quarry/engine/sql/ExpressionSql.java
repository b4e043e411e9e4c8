package io.quarry.engine.sql;

import io.quarry.engine.expr.Expr;
import io.quarry.engine.expr.ExprChecker.Checked;
import io.quarry.engine.expr.ValueType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * DuckDB SQL for a checked computed-field expression. Every part is written from the tree: fields as the compiler's
 * own column names, text through {@link Sql#literal}, numbers from their parsed value, each operator and function
 * mapped one by one; nothing the user wrote is copied. Arithmetic runs on doubles (no integer overflow), division
 * and remainder by zero give null, and functions that would give NaN or an infinity give null, so a checked
 * expression does not fail at run time.
 */
final class ExpressionSql {

    private static final String NOT_FINITE = "CAST('NaN' AS DOUBLE)";

    private final Checked checked;
    private final Function<String, String> column;

    private ExpressionSql(Checked checked, Function<String, String> column) {
        this.checked = checked;
        this.column = column;
    }

    /**
     * @param column the SQL of a field, by field id
     */
    static String sql(Checked checked, Function<String, String> column) {
        ExpressionSql writer = new ExpressionSql(checked, column);
        Expr root = checked.root();
        return checked.type() == ValueType.NULL ? "CAST(NULL AS VARCHAR)" : writer.write(root);
    }

    private ValueType type(Expr expr) {
        return checked.typeOf(expr);
    }

    private String write(Expr expr) {
        return switch (expr) {
            case Expr.NumberLiteral number -> number(number.value());
            case Expr.StringLiteral text -> Sql.literal(text.value());
            case Expr.BooleanLiteral bool -> bool.value() ? "TRUE" : "FALSE";
            case Expr.NullLiteral n -> "NULL";
            case Expr.FieldRef ref -> column.apply(checked.fieldOf(ref));
            case Expr.Unary unary ->
                unary.op() == Expr.UnaryOp.NEGATE
                        ? "(- " + dbl(unary.operand()) + ")"
                        : "(NOT " + as(unary.operand(), ValueType.BOOLEAN) + ")";
            case Expr.Binary binary -> binary(binary);
            case Expr.IsNull isNull ->
                "(" + write(isNull.operand()) + (isNull.negated() ? " IS NOT NULL)" : " IS NULL)");
            case Expr.In in -> {
                boolean numbers = numbers(in.children());
                StringJoiner values = new StringJoiner(", ", "(", ")");
                in.values().forEach(value -> values.add(operand(value, numbers)));
                yield "(" + operand(in.operand(), numbers) + (in.negated() ? " NOT IN " : " IN ") + values + ")";
            }
            case Expr.Between between -> {
                boolean numbers = numbers(between.children());
                yield "(" + operand(between.operand(), numbers) + (between.negated() ? " NOT BETWEEN " : " BETWEEN ")
                        + operand(between.low(), numbers) + " AND " + operand(between.high(), numbers) + ")";
            }
            case Expr.Like like ->
                "(" + as(like.operand(), ValueType.TEXT) + (like.negated() ? " NOT" : "")
                        + (like.caseInsensitive() ? " ILIKE " : " LIKE ") + as(like.pattern(), ValueType.TEXT) + ")";
            case Expr.Case c -> caseSql(c);
            case Expr.Cast cast -> cast(cast);
            case Expr.Call call -> call(call);
            case Expr.Aggregate aggregate -> aggregate(aggregate);
        };
    }

    private static String number(BigDecimal value) {
        BigDecimal whole = value.stripTrailingZeros();
        if (whole.scale() <= 0 && whole.precision() - whole.scale() <= 18) {
            return "CAST(" + Sql.literal(whole.toPlainString()) + " AS BIGINT)";
        }
        return "CAST(" + Sql.literal(Double.toString(value.doubleValue())) + " AS DOUBLE)";
    }

    /** A number operand as a double. */
    private String dbl(Expr expr) {
        return "CAST(" + write(expr) + " AS DOUBLE)";
    }

    /** An operand of the given type; a bare NULL gets that type. */
    private String as(Expr expr, ValueType wanted) {
        if (type(expr) == ValueType.NULL) {
            return "CAST(NULL AS " + sqlType(wanted) + ")";
        }
        return wanted == ValueType.NUMBER ? dbl(expr) : write(expr);
    }

    /** An operand of a comparison: numbers compare as doubles. */
    private String operand(Expr expr, boolean numbers) {
        return numbers ? dbl(expr) : write(expr);
    }

    private boolean numbers(List<Expr> exprs) {
        return exprs.stream().anyMatch(expr -> type(expr) == ValueType.NUMBER);
    }

    private static String sqlType(ValueType type) {
        return switch (type) {
            case NUMBER -> "DOUBLE";
            case TEXT, NULL -> "VARCHAR";
            case BOOLEAN -> "BOOLEAN";
            case TEMPORAL -> "TIMESTAMP";
            case BIN -> throw new IllegalStateException("bins are refused by the checker");
        };
    }

    private static String finite(String sql) {
        return "nullif(nullif(nullif(" + sql + ", " + NOT_FINITE + "), CAST('Infinity' AS DOUBLE)), "
                + "CAST('-Infinity' AS DOUBLE))";
    }

    private String binary(Expr.Binary binary) {
        Expr left = binary.left();
        Expr right = binary.right();
        return switch (binary.op()) {
            case ADD, SUBTRACT, MULTIPLY -> "(" + dbl(left) + " " + binary.op().symbol() + " " + dbl(right) + ")";
            case DIVIDE -> "(" + dbl(left) + " / NULLIF(" + dbl(right) + ", 0))";
            case MODULO -> "(" + dbl(left) + " % NULLIF(" + dbl(right) + ", 0))";
            case AND, OR ->
                "(" + as(left, ValueType.BOOLEAN) + " " + binary.op().symbol() + " " + as(right, ValueType.BOOLEAN)
                        + ")";
            case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> {
                boolean numbers = numbers(List.of(left, right));
                yield "(" + operand(left, numbers) + " " + binary.op().symbol() + " " + operand(right, numbers) + ")";
            }
        };
    }

    private String caseSql(Expr.Case c) {
        StringBuilder sql = new StringBuilder("CASE");
        Expr operand = c.operand();
        boolean numbers = false;
        if (operand != null) {
            numbers = type(operand) == ValueType.NUMBER
                    || c.whens().stream().anyMatch(when -> type(when.condition()) == ValueType.NUMBER);
            sql.append(' ').append(operand(operand, numbers));
        }
        ValueType result = type(c);
        for (Expr.When when : c.whens()) {
            sql.append(" WHEN ")
                    .append(
                            operand == null
                                    ? as(when.condition(), ValueType.BOOLEAN)
                                    : operand(when.condition(), numbers))
                    .append(" THEN ")
                    .append(result(when.result(), result));
        }
        if (c.otherwise() != null) {
            sql.append(" ELSE ").append(result(c.otherwise(), result));
        }
        return sql.append(" END").toString();
    }

    /** A branch of a CASE: numbers as doubles so that every branch has one type. */
    private String result(Expr expr, ValueType type) {
        return type == ValueType.NULL ? "NULL" : as(expr, type);
    }

    private String cast(Expr.Cast cast) {
        String operand = write(cast.operand());
        return switch (cast.type()) {
            case DOUBLE -> "TRY_CAST(" + operand + " AS DOUBLE)";
            case BIGINT -> "TRY_CAST(" + operand + " AS BIGINT)";
            case VARCHAR -> "TRY_CAST(" + operand + " AS VARCHAR)";
            case BOOLEAN -> "TRY_CAST(" + operand + " AS BOOLEAN)";
            case TIMESTAMP -> "TRY_CAST(" + operand + " AS TIMESTAMP)";
            case DATE -> "CAST(TRY_CAST(" + operand + " AS DATE) AS TIMESTAMP)";
        };
    }

    private String call(Expr.Call call) {
        List<Expr> args = call.args();
        Expr first = args.getFirst();
        return switch (call.function()) {
            case ABS -> "abs(" + as(first, ValueType.NUMBER) + ")";
            case FLOOR -> "floor(" + as(first, ValueType.NUMBER) + ")";
            case CEIL -> "ceil(" + as(first, ValueType.NUMBER) + ")";
            case SQRT -> finite("sqrt(" + as(first, ValueType.NUMBER) + ")");
            case EXP -> finite("exp(" + as(first, ValueType.NUMBER) + ")");
            case LN -> finite("ln(" + as(first, ValueType.NUMBER) + ")");
            case LOG10 -> finite("log10(" + as(first, ValueType.NUMBER) + ")");
            case POWER -> finite("pow(" + as(first, ValueType.NUMBER) + ", " + as(args.get(1), ValueType.NUMBER) + ")");
            case SIGN -> "CAST(sign(" + as(first, ValueType.NUMBER) + ") AS BIGINT)";
            case ROUND ->
                args.size() == 1
                        ? "round(" + as(first, ValueType.NUMBER) + ")"
                        : "round(" + as(first, ValueType.NUMBER) + ", " + digits(args.get(1)) + ")";
            case LOWER -> "lower(" + as(first, ValueType.TEXT) + ")";
            case UPPER -> "upper(" + as(first, ValueType.TEXT) + ")";
            case TRIM -> "trim(" + as(first, ValueType.TEXT) + ")";
            case LENGTH -> "length(" + as(first, ValueType.TEXT) + ")";
            case SUBSTR -> {
                StringJoiner sql = new StringJoiner(", ", "substr(", ")");
                sql.add(as(first, ValueType.TEXT));
                args.subList(1, args.size())
                        .forEach(arg -> sql.add("TRY_CAST(" + as(arg, ValueType.NUMBER) + " AS BIGINT)"));
                yield sql.toString();
            }
            case CONCAT -> {
                StringJoiner sql = new StringJoiner(", ", "concat(", ")");
                args.forEach(arg -> sql.add("CAST(" + write(arg) + " AS VARCHAR)"));
                yield sql.toString();
            }
            case REPLACE ->
                "replace(" + as(first, ValueType.TEXT) + ", " + as(args.get(1), ValueType.TEXT) + ", "
                        + as(args.get(2), ValueType.TEXT) + ")";
            case COALESCE, NULLIF, GREATEST, LEAST -> {
                ValueType type = type(call);
                if (type == ValueType.NULL) {
                    yield "NULL";
                }
                StringJoiner sql = new StringJoiner(", ", call.function().sqlName() + "(", ")");
                args.forEach(arg -> sql.add(as(arg, type)));
                yield sql.toString();
            }
            case YEAR, MONTH, DAY, HOUR, MINUTE ->
                "CAST(" + call.function().sqlName() + "(" + as(first, ValueType.TEMPORAL) + ") AS BIGINT)";
            case DATE_TRUNC -> {
                String unit = ((Expr.StringLiteral) first).value().toLowerCase(Locale.ROOT);
                yield "date_trunc(" + Sql.literal(unit) + ", " + as(args.get(1), ValueType.TEMPORAL) + ")";
            }
        };
    }

    private static String digits(Expr digits) {
        BigDecimal value = digits instanceof Expr.Unary unary
                ? ((Expr.NumberLiteral) unary.operand()).value().negate()
                : ((Expr.NumberLiteral) digits).value();
        return "CAST(" + value.intValueExact() + " AS INTEGER)";
    }

    private String aggregate(Expr.Aggregate aggregate) {
        Expr arg = aggregate.arg();
        if (arg == null) {
            return "count(*)";
        }
        return switch (aggregate.function()) {
            case COUNT -> "count(" + write(arg) + ")";
            case SUM -> "sum(" + numberArg(arg) + ")";
            case AVG -> "avg(" + numberArg(arg) + ")";
            case MEDIAN -> "median(" + numberArg(arg) + ")";
            case MIN, MAX ->
                type(arg) == ValueType.NULL ? "NULL" : aggregate.function().sqlName() + "(" + write(arg) + ")";
        };
    }

    /** The argument of sum, avg or median: as it is (so sums of whole numbers stay whole), a bare NULL as a double. */
    private String numberArg(Expr arg) {
        return type(arg) == ValueType.NULL ? "CAST(NULL AS DOUBLE)" : write(arg);
    }
}
