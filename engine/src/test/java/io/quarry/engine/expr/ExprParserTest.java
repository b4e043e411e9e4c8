package io.quarry.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import io.quarry.engine.expr.Expr.Binary;
import io.quarry.engine.expr.Expr.BinaryOp;
import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExprParserTest {

    private static final Map<String, ValueType> FIELDS = Map.of(
            "price", ValueType.NUMBER, "city", ValueType.TEXT, "at", ValueType.TEMPORAL, "ok", ValueType.BOOLEAN);

    private static ExprChecker.@Nullable FieldInfo lookup(String name) {
        for (Map.Entry<String, ValueType> field : FIELDS.entrySet()) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return new ExprChecker.FieldInfo(field.getKey(), field.getValue());
            }
        }
        return null;
    }

    /** The tree in prefix form, to compare shapes. */
    private static String shape(Expr expr) {
        return switch (expr) {
            case Expr.NumberLiteral n -> n.value().toPlainString();
            case Expr.StringLiteral s -> "'" + s.value() + "'";
            case Expr.BooleanLiteral b -> String.valueOf(b.value());
            case Expr.NullLiteral n -> "null";
            case Expr.FieldRef ref -> ref.name();
            case Expr.Unary unary -> "(" + unary.op() + " " + shape(unary.operand()) + ")";
            case Expr.Binary binary ->
                "(" + binary.op().symbol() + " " + shape(binary.left()) + " " + shape(binary.right()) + ")";
            case Expr.IsNull isNull ->
                "(" + (isNull.negated() ? "notnull " : "isnull ") + shape(isNull.operand()) + ")";
            case Expr.In in ->
                "(" + (in.negated() ? "notin " : "in ") + shape(in.operand()) + " "
                        + in.values().stream().map(ExprParserTest::shape).toList() + ")";
            case Expr.Between between ->
                "(between " + shape(between.operand()) + " " + shape(between.low()) + " " + shape(between.high()) + ")";
            case Expr.Like like ->
                "(" + (like.caseInsensitive() ? "ilike " : "like ") + shape(like.operand()) + " "
                        + shape(like.pattern()) + ")";
            case Expr.Case c ->
                "(case " + (c.operand() == null ? "" : shape(c.operand()) + " ")
                        + c.whens().stream()
                                .map(when -> shape(when.condition()) + "->" + shape(when.result()))
                                .toList()
                        + (c.otherwise() == null ? "" : " else " + shape(c.otherwise())) + ")";
            case Expr.Cast cast -> "(cast " + shape(cast.operand()) + " " + cast.type() + ")";
            case Expr.Call call ->
                "(" + call.function().sqlName() + " "
                        + call.args().stream().map(ExprParserTest::shape).toList() + ")";
            case Expr.Aggregate aggregate ->
                "(" + aggregate.function().sqlName() + " " + (aggregate.arg() == null ? "*" : shape(aggregate.arg()))
                        + ")";
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1 + 2 * 3 | (+ 1 (* 2 3))",
                "1 - 2 - 3 | (- (- 1 2) 3)",
                "-price % 2 | (% (NEGATE price) 2)",
                "a OR b AND NOT c | (OR a (AND b (NOT c)))",
                "not a = b | (NOT (= a b))",
                "price + 1 > 2 | (> (+ price 1) 2)",
                "x != 1 | (<> x 1)",
                "x is not null and y IS NULL | (AND (notnull x) (isnull y))",
                "x NOT IN (1, -2.5, 'a', NULL) | (notin x [1, (NEGATE 2.5), 'a', null])",
                "-x::int | (NEGATE (cast x BIGINT))",
                "\"upper\"(x)::\"double precision\" | (cast (upper [x]) DOUBLE)",
                "E'a\\\\b' = 'c' | (= 'a\\b' 'c')",
                "x between 1 + 1 and 3 | (between x (+ 1 1) 3)",
                "x NOT ILIKE 'a%' | (ilike x 'a%')",
                "case when a then 1 when b then 2 else 3 end | (case [a->1, b->2] else 3)",
                "CASE x WHEN 'a' THEN TRUE END | (case x ['a'->true])",
                "cast(x as double precision) | (cast x DOUBLE)",
                "CAST(x AS text) | (cast x VARCHAR)",
                "Round(x, -1) | (round [x, (NEGATE 1)])",
                "CEILING(x) | (ceil [x])",
                "count(*) / Mean(x) | (/ (count *) (avg x))",
                "\"unit \"\"price\"\"\" * 2 | (* unit \"price\" 2)",
                "1.5e3 + .5 | (+ 1500 0.5)",
                "prix_été | prix_été",
            })
    void parsesWithSqlPrecedence(String text, String expected) {
        assertThat(shape(ExprParser.parse(text))).isEqualTo(expected);
    }

    @Test
    void notLikeIsNegated() {
        Expr.Like like = (Expr.Like) ExprParser.parse("x NOT LIKE 'a'");
        assertThat(like.negated()).isTrue();
        assertThat(like.position()).isEqualTo(7);
    }

    @Test
    void nodesKnowWhereTheyStart() {
        Binary sum = (Binary) ExprParser.parse("price  +  abs(x)");
        assertThat(sum.op()).isEqualTo(BinaryOp.ADD);
        assertThat(sum.position()).isEqualTo(8);
        assertThat(sum.left().position()).isEqualTo(1);
        assertThat(sum.right().position()).isEqualTo(11);
        assertThat(((Expr.NumberLiteral) ExprParser.parse("0.10")).value()).isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void boundsDepthWithoutOverflowingTheStack() {
        String deep = "(".repeat(5_000) + "1" + ")".repeat(4_990);
        QuarryException failure = catchThrowableOfType(QuarryException.class, () -> ExprParser.parse(deep));
        assertThat(failure.code()).isEqualTo(EngineError.QUERY_EXPRESSION_INVALID);
        assertThat(failure.getMessage())
                .isEqualTo("The expression cannot use \"(\" (position 65): the expression is nested more than 64"
                        + " levels deep.");
        assertThat(shape(ExprParser.parse("(".repeat(63) + "1" + ")".repeat(63))))
                .isEqualTo("1");
        assertThat(ExprParser.parse("1" + "+1".repeat(62))).isInstanceOf(Binary.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "price * 2 | NUMBER",
                "city | TEXT",
                "price > 1 AND ok | BOOLEAN",
                "date_trunc('month', at) | TEMPORAL",
                "CASE WHEN ok THEN NULL ELSE city END | TEXT",
                "coalesce(NULL, price) | NUMBER",
                "NULL | NULL",
                "CAST(city AS date) | TEMPORAL",
                "length(city) + year(at) | NUMBER",
                "concat(price, at, ok) | TEXT",
            })
    void givesEachExpressionAType(String text, ValueType expected) {
        assertThat(ExprChecker.row(ExprParser.parse(text), ExprParserTest::lookup)
                        .type())
                .isEqualTo(expected);
    }

    @Test
    void resolvesNamesIgnoringCaseToTheFieldId() {
        ExprChecker.Checked checked = ExprChecker.row(ExprParser.parse("PRICE"), ExprParserTest::lookup);
        assertThat(checked.fieldOf((Expr.FieldRef) checked.root())).isEqualTo("price");
    }

    @Test
    void aggregatesNeedTheAggregateMode() {
        Expr sum = ExprParser.parse("sum(price) + count(*) + length(city)");
        assertThat(ExprChecker.aggregate(sum, ExprParserTest::lookup, "city"::equals)
                        .type())
                .isEqualTo(ValueType.NUMBER);
        QuarryException failure =
                catchThrowableOfType(QuarryException.class, () -> ExprChecker.row(sum, ExprParserTest::lookup));
        assertThat(failure.getMessage()).startsWith("The expression cannot use \"sum\" (position 1): aggregates");
    }
}
