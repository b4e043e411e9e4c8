package io.quarry.engine.expr;

import io.quarry.engine.expr.Expr.BinaryOp;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Checks a parsed expression against the fields it may read and gives every node a type. Names resolve to the
 * current step's fields (by id, then ignoring case); operators and functions take only the types docs/charts.md
 * lists, so a checked expression cannot fail at run time for a type mismatch. Aggregates are allowed only in an
 * aggregate measure, not nested, and there a field outside an aggregate must be one the view groups by.
 */
public final class ExprChecker {

    /** Truncation units {@code date_trunc} takes. */
    public static final Set<String> DATE_TRUNC_UNITS =
            Set.of("year", "quarter", "month", "day", "hour", "minute", "second");

    /** Digits {@code round(x, n)} takes, either way. */
    public static final int MAX_ROUND_DIGITS = 20;

    /** A field as an expression sees it: its id in the workflow and what it holds. */
    public record FieldInfo(String fid, ValueType type) {}

    /**
     * A checked expression.
     *
     * @param type what it gives
     * @param types the type of every node
     * @param fields the field id each name resolved to
     */
    public record Checked(Expr root, ValueType type, Map<Expr, ValueType> types, Map<Expr.FieldRef, String> fields) {

        public Checked {
            types = Collections.unmodifiableMap(types);
            fields = Collections.unmodifiableMap(fields);
        }

        public ValueType typeOf(Expr expr) {
            return Objects.requireNonNull(types.get(expr), "unchecked node");
        }

        public String fieldOf(Expr.FieldRef ref) {
            return Objects.requireNonNull(fields.get(ref), "unresolved field");
        }
    }

    private final Function<String, @Nullable FieldInfo> lookup;
    private final @Nullable Predicate<String> grouped;
    private final Map<Expr, ValueType> types = new IdentityHashMap<>();
    private final Map<Expr.FieldRef, String> fields = new IdentityHashMap<>();
    private boolean inAggregate;

    private ExprChecker(Function<String, @Nullable FieldInfo> lookup, @Nullable Predicate<String> grouped) {
        this.lookup = lookup;
        this.grouped = grouped;
    }

    /** An expression over one row (a computed field). */
    public static Checked row(Expr expr, Function<String, @Nullable FieldInfo> lookup) {
        ExprChecker checker = new ExprChecker(lookup, null);
        return new Checked(expr, checker.check(expr), checker.types, checker.fields);
    }

    /**
     * An expression over the rows of a group (an {@code expr} measure).
     *
     * @param grouped whether a field id is one the view groups by
     */
    public static Checked aggregate(
            Expr expr, Function<String, @Nullable FieldInfo> lookup, Predicate<String> grouped) {
        ExprChecker checker = new ExprChecker(lookup, grouped);
        return new Checked(expr, checker.check(expr), checker.types, checker.fields);
    }

    private ValueType check(Expr expr) {
        ValueType type = typeOf(expr);
        types.put(expr, type);
        return type;
    }

    private ValueType typeOf(Expr expr) {
        return switch (expr) {
            case Expr.NumberLiteral n -> ValueType.NUMBER;
            case Expr.StringLiteral s -> ValueType.TEXT;
            case Expr.BooleanLiteral b -> ValueType.BOOLEAN;
            case Expr.NullLiteral n -> ValueType.NULL;
            case Expr.FieldRef ref -> field(ref);
            case Expr.Unary unary -> {
                ValueType wanted = unary.op() == Expr.UnaryOp.NEGATE ? ValueType.NUMBER : ValueType.BOOLEAN;
                need(unary.operand(), wanted, expr);
                yield wanted;
            }
            case Expr.Binary binary -> binary(binary);
            case Expr.IsNull isNull -> {
                check(isNull.operand());
                yield ValueType.BOOLEAN;
            }
            case Expr.In in -> {
                ValueType type = check(in.operand());
                for (Expr value : in.values()) {
                    type = same(type, check(value), value);
                }
                yield ValueType.BOOLEAN;
            }
            case Expr.Between between -> {
                ValueType type = check(between.operand());
                type = same(type, check(between.low()), between.low());
                same(type, check(between.high()), between.high());
                yield ValueType.BOOLEAN;
            }
            case Expr.Like like -> {
                need(like.operand(), ValueType.TEXT, expr);
                need(like.pattern(), ValueType.TEXT, expr);
                yield ValueType.BOOLEAN;
            }
            case Expr.Case c -> caseType(c);
            case Expr.Cast cast -> cast(cast);
            case Expr.Call call -> call(call);
            case Expr.Aggregate aggregate -> aggregate(aggregate);
        };
    }

    private ValueType field(Expr.FieldRef ref) {
        FieldInfo field = lookup.apply(ref.name());
        if (field == null) {
            throw fail(ref, "it is not a field of this dataset at this step (quote a name in double quotes)");
        }
        if (field.type() == ValueType.BIN) {
            throw fail(ref, "it is a bin, and expressions cannot use bins; use the field it was made from");
        }
        if (grouped != null && !inAggregate && !grouped.test(field.fid())) {
            throw fail(ref, "outside an aggregate such as sum(...), a measure can only use the fields it groups by");
        }
        fields.put(ref, field.fid());
        return field.type();
    }

    private ValueType binary(Expr.Binary binary) {
        if (binary.op().arithmetic()) {
            need(binary.left(), ValueType.NUMBER, binary);
            need(binary.right(), ValueType.NUMBER, binary);
            return ValueType.NUMBER;
        }
        if (binary.op() == BinaryOp.AND || binary.op() == BinaryOp.OR) {
            need(binary.left(), ValueType.BOOLEAN, binary);
            need(binary.right(), ValueType.BOOLEAN, binary);
            return ValueType.BOOLEAN;
        }
        ValueType left = check(binary.left());
        same(left, check(binary.right()), binary);
        return ValueType.BOOLEAN;
    }

    private ValueType caseType(Expr.Case c) {
        ValueType operand = c.operand() == null ? null : check(c.operand());
        ValueType result = ValueType.NULL;
        for (Expr.When when : c.whens()) {
            if (operand == null) {
                need(when.condition(), ValueType.BOOLEAN, c);
            } else {
                same(operand, check(when.condition()), when.condition());
            }
            result = same(result, check(when.result()), when.result());
        }
        if (c.otherwise() != null) {
            result = same(result, check(c.otherwise()), c.otherwise());
        }
        return result;
    }

    private ValueType cast(Expr.Cast cast) {
        ValueType from = check(cast.operand());
        boolean allowed = switch (cast.type().result()) {
            case NUMBER, BOOLEAN -> from != ValueType.TEMPORAL;
            case TEMPORAL -> from == ValueType.TEXT || from == ValueType.TEMPORAL || from == ValueType.NULL;
            default -> true;
        };
        if (!allowed) {
            throw fail(
                    cast,
                    "it cannot turn " + from.shown() + " into "
                            + cast.type().result().shown());
        }
        return cast.type().result();
    }

    private ValueType call(Expr.Call call) {
        List<Expr> args = call.args();
        return switch (call.function()) {
            case ABS, FLOOR, CEIL, SQRT, EXP, LN, LOG10, SIGN -> {
                need(args.get(0), ValueType.NUMBER, call);
                yield ValueType.NUMBER;
            }
            case ROUND -> {
                need(args.get(0), ValueType.NUMBER, call);
                if (args.size() == 2) {
                    roundDigits(args.get(1), call);
                }
                yield ValueType.NUMBER;
            }
            case POWER -> {
                need(args.get(0), ValueType.NUMBER, call);
                need(args.get(1), ValueType.NUMBER, call);
                yield ValueType.NUMBER;
            }
            case LOWER, UPPER, TRIM -> {
                need(args.get(0), ValueType.TEXT, call);
                yield ValueType.TEXT;
            }
            case LENGTH -> {
                need(args.get(0), ValueType.TEXT, call);
                yield ValueType.NUMBER;
            }
            case SUBSTR -> {
                need(args.get(0), ValueType.TEXT, call);
                for (Expr arg : args.subList(1, args.size())) {
                    need(arg, ValueType.NUMBER, call);
                }
                yield ValueType.TEXT;
            }
            case CONCAT -> {
                args.forEach(arg -> check(arg));
                yield ValueType.TEXT;
            }
            case REPLACE -> {
                args.forEach(arg -> need(arg, ValueType.TEXT, call));
                yield ValueType.TEXT;
            }
            case COALESCE, NULLIF, GREATEST, LEAST -> {
                ValueType type = ValueType.NULL;
                for (Expr arg : args) {
                    type = same(type, check(arg), arg);
                }
                yield type;
            }
            case YEAR, MONTH, DAY, HOUR, MINUTE -> {
                need(args.get(0), ValueType.TEMPORAL, call);
                yield ValueType.NUMBER;
            }
            case DATE_TRUNC -> {
                Expr unit = args.get(0);
                check(unit);
                if (!(unit instanceof Expr.StringLiteral text)
                        || !DATE_TRUNC_UNITS.contains(text.value().toLowerCase(Locale.ROOT))) {
                    throw fail(
                            unit,
                            "date_trunc takes a unit in quotes: 'year', 'quarter', 'month', 'day', 'hour',"
                                    + " 'minute' or 'second'");
                }
                need(args.get(1), ValueType.TEMPORAL, call);
                yield ValueType.TEMPORAL;
            }
        };
    }

    private void roundDigits(Expr digits, Expr.Call call) {
        check(digits);
        BigDecimal value = digits instanceof Expr.NumberLiteral number ? number.value() : null;
        if (digits instanceof Expr.Unary unary
                && unary.op() == Expr.UnaryOp.NEGATE
                && unary.operand() instanceof Expr.NumberLiteral number) {
            value = number.value().negate();
        }
        if (value == null
                || value.stripTrailingZeros().scale() > 0
                || value.abs().compareTo(BigDecimal.valueOf(MAX_ROUND_DIGITS)) > 0) {
            throw fail(
                    digits,
                    "round takes its digits as a whole number from -" + MAX_ROUND_DIGITS + " to " + MAX_ROUND_DIGITS);
        }
    }

    private ValueType aggregate(Expr.Aggregate aggregate) {
        if (grouped == null) {
            throw fail(aggregate, "aggregates belong in a measure with the expr aggregation, not in a computed field");
        }
        if (inAggregate) {
            throw fail(aggregate, "an aggregate cannot be inside another one");
        }
        inAggregate = true;
        try {
            Expr arg = aggregate.arg();
            return switch (aggregate.function()) {
                case COUNT -> {
                    if (arg != null) {
                        check(arg);
                    }
                    yield ValueType.NUMBER;
                }
                case SUM, AVG, MEDIAN -> {
                    need(Objects.requireNonNull(arg), ValueType.NUMBER, aggregate);
                    yield ValueType.NUMBER;
                }
                case MIN, MAX -> check(Objects.requireNonNull(arg));
            };
        } finally {
            inAggregate = false;
        }
    }

    /** Checks an argument that must be of the given type (or NULL). */
    private void need(Expr arg, ValueType wanted, Expr user) {
        ValueType type = check(arg);
        if (type != wanted && type != ValueType.NULL) {
            throw fail(user, "it needs " + wanted.shown() + " there, and " + shown(arg) + " is " + type.shown());
        }
    }

    /** The common type of two values that must be alike; NULL fits any. */
    private ValueType same(ValueType a, ValueType b, Expr at) {
        if (a == ValueType.NULL) {
            return b;
        }
        if (b == ValueType.NULL || a == b) {
            return a;
        }
        throw fail(at, "it is " + b.shown() + " where " + a.shown() + " is needed");
    }

    private static RuntimeException fail(Expr at, String reason) {
        return ExpressionException.at(shown(at), at.position(), reason);
    }

    /** How a message shows a node: the token it starts with or is named by. */
    static String shown(Expr expr) {
        return ExpressionException.quote(
                switch (expr) {
                    case Expr.NumberLiteral n -> n.value().toPlainString();
                    case Expr.StringLiteral s -> "'" + s.value() + "'";
                    case Expr.BooleanLiteral b -> b.value() ? "TRUE" : "FALSE";
                    case Expr.NullLiteral n -> "NULL";
                    case Expr.FieldRef ref -> ref.name();
                    case Expr.Unary unary -> unary.op() == Expr.UnaryOp.NEGATE ? "-" : "NOT";
                    case Expr.Binary binary -> binary.op().symbol();
                    case Expr.IsNull isNull -> "IS";
                    case Expr.In in -> "IN";
                    case Expr.Between between -> "BETWEEN";
                    case Expr.Like like -> like.caseInsensitive() ? "ILIKE" : "LIKE";
                    case Expr.Case c -> "CASE";
                    case Expr.Cast cast -> "CAST";
                    case Expr.Call call -> call.function().sqlName();
                    case Expr.Aggregate aggregate -> aggregate.function().sqlName();
                });
    }
}
