package io.quarry.engine.tck;

import static io.quarry.engine.query.Aggregation.EXPR;
import static io.quarry.engine.query.TransformStep.Param.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.TransformOp;
import io.quarry.engine.query.TransformStep;
import io.quarry.engine.query.TransformStep.Transform;
import io.quarry.engine.query.ViewStep;
import io.quarry.engine.query.ViewStep.Aggregate;
import io.quarry.engine.query.ViewStep.Measure;
import io.quarry.engine.query.Workflow;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Hostile computed-field expressions: anything outside the whitelist fails with {@code QUERY_EXPRESSION_INVALID} and
 * a message naming the offending token and its position; nothing reaches the engine's SQL, nothing fails later.
 */
abstract class ChartQueryHostileExpressionContract extends ChartQueryContractPart {

    ChartQueryHostileExpressionContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    /** An expression and what its message must contain (the token in quotes and its position, and the reason). */
    private static final String[][] HOSTILE = {
        {"read_csv('/etc/passwd')", "\"read_csv\" (position 1): it is not one of the allowed functions"},
        {"read_text('/etc/passwd')", "\"read_text\" (position 1): it is not one of the allowed functions"},
        {"read_blob('/etc/passwd')", "\"read_blob\" (position 1): it is not one of the allowed functions"},
        {"length(glob('*'))", "\"glob\" (position 8): it is not one of the allowed functions"},
        {"getenv('HOME')", "\"getenv\" (position 1): it is not one of the allowed functions"},
        {"current_setting('threads')", "\"current_setting\" (position 1): it is not one of the allowed functions"},
        {"READ_CSV_AUTO('x')", "\"READ_CSV_AUTO\" (position 1): it is not one of the allowed functions"},
        {"price + (SELECT 1)", "\"SELECT\" (position 10): SQL statements and clauses are not allowed"},
        {"(select count(*) from rows)", "\"select\" (position 2): SQL statements and clauses are not allowed"},
        {"COPY rows TO '/tmp/x'", "\"COPY\" (position 1): SQL statements and clauses are not allowed"},
        {"ATTACH '/tmp/x.db' AS x", "\"ATTACH\" (position 1): SQL statements and clauses are not allowed"},
        {"INSTALL httpfs", "\"INSTALL\" (position 1): SQL statements and clauses are not allowed"},
        {"LOAD httpfs", "\"LOAD\" (position 1): SQL statements and clauses are not allowed"},
        {"PRAGMA version", "\"PRAGMA\" (position 1): SQL statements and clauses are not allowed"},
        {"SET threads = 1", "\"SET\" (position 1): SQL statements and clauses are not allowed"},
        {"price FROM rows", "\"FROM\" (position 7): SQL statements and clauses are not allowed"},
        {"price; DROP TABLE rows", "\";\" (position 6): an expression is one value, not statements"},
        {"price -- comment", "\"--\" (position 7): comments are not allowed"},
        {"price /* comment */", "\"/*\" (position 7): comments are not allowed"},
        {"nope + 1", "\"nope\" (position 1): it is not a field of this dataset at this step"},
        {"\"price\"\"\" + 1", "\"price\"\" (position 1): it is not a field of this dataset at this step"},
        {"price:VARCHAR", "\":\" (position 6): it is not part of the language"},
        {"price::BLOB", "\"BLOB\" (position 8): a cast can only make double, bigint, varchar"},
        {"\"read_csv\"('/etc/passwd')", "\"read_csv\" (position 1): it is not one of the allowed functions"},
        {"E'a\\n'", "\"\\\" (position 4): in an E'...' string a backslash is written"},
        {"price[1]", "\"[\" (position 6): it is not part of the language"},
        {"$1 + price", "\"$\" (position 1): it is not part of the language"},
        {"? + price", "\"?\" (position 1): it is not part of the language"},
        {"`price`", "\"`\" (position 1): it is not part of the language"},
        {"'unterminated", "\"'\" (position 1): the string is not closed"},
        {"\"price", "\"\"\" (position 1): the quoted name is not closed"},
        {"'a\\' OR 1=1 --'", "\"--\" (position 13): comments are not allowed"},
        {"price \\ 2", "\"\\\" (position 7): it is not part of the language"},
        {"price \uFF0B 1", "\"\uFF0B\" (position 7): it is not part of the language"},
        {"price\u200B", "\"\\u200B\" (position 6): it is not part of the language"},
        {"\u2018x\u2019", "\"\u2018\" (position 1): it is not part of the language"},
        {"\u0440rice", "\"\u0440rice\" (position 1): it is not a field of this dataset at this step"},
        {"'a\u0000b'", "\"\\u0000\" (position 3): a NUL character is not allowed"},
        {"price\u0000", "\"\\u0000\" (position 6): it is not part of the language"},
        {"price + 'a'", "\"+\" (position 7): it needs a number there, and \"'a'\" is text"},
        {"upper(price)", "\"upper\" (position 1): it needs text there, and \"price\" is a number"},
        {"city > 1", "\">\" (position 6): it is a number where text is needed"},
        {"CASE WHEN flag THEN 1 ELSE 'x' END", "\"'x'\" (position 28): it is text where a number is needed"},
        {"CAST(at AS DOUBLE)", "\"CAST\" (position 1): it cannot turn a date or time into a number"},
        {"CAST(price AS BLOB)", "\"BLOB\" (position 15): a cast can only make double, bigint, varchar"},
        {"CAST(price AS DECIMAL(10, 2))", "\"(\" (position 22): expected ) after the type"},
        {"date_trunc('decade', at)", "\"'decade'\" (position 12): date_trunc takes a unit in quotes"},
        {"date_trunc(note, at)", "\"note\" (position 12): date_trunc takes a unit in quotes"},
        {"round(price, qty)", "\"qty\" (position 14): round takes its digits as a whole number from -20 to 20"},
        {"round(price, 400)", "\"400\" (position 14): round takes its digits as a whole number from -20 to 20"},
        {"sum(price)", "\"sum\" (position 1): aggregates belong in a measure with the expr aggregation"},
        {"abs(price, 1)", "\"abs\" (position 1): abs takes 1 arguments, not 2"},
        {"price IN (qty)", "\"qty\" (position 11): IN takes a list of values (numbers, strings, TRUE, FALSE or NULL)"},
        {"price price", "\"price\" (position 7): the expression should end here"},
        {"price +", "the end (position 8): the expression ends too early"},
        {"1e999", "\"1e999\" (position 1): the number is too large"},
        {"1e99999999999", "\"1e99999999999\" (position 1): the number's exponent is out of range"},
        {"price * 1e-99999999999", "\"1e-99999999999\" (position 9): the number's exponent is out of range"},
        {"12abc", "\"12abc\" (position 1): it is not a number"},
        {"", "The expression is empty."},
        {"(".repeat(100) + "1" + ")".repeat(100), "\"(\" (position 65): the expression is nested more than 64 levels"},
        {"- ".repeat(4_000) + "1", "\"-\" (position 127): the expression is nested more than 64 levels deep"},
        {"NOT ".repeat(2_000) + "flag", "\"NOT\" (position 253): the expression is nested more than 64 levels deep"},
        {"1" + "+1".repeat(4_000), "\"+\" (position 128): the expression is nested more than 64 levels deep"},
        {"(".repeat(10_000) + "1" + ")".repeat(10_000), "The expression is 20001 characters long; at most 10000"},
        {"1+".repeat(1 << 19) + "1", "The expression is 1048577 characters long; at most 10000 are allowed."},
    };

    @Test
    void hostileExpressionsFailNamingTheTokenAndItsPosition() {
        Dataset dataset = people();
        SoftAssertions soft = new SoftAssertions();
        for (String[] hostile : HOSTILE) {
            String shown = hostile[0].length() > 60 ? hostile[0].substring(0, 60) + "…" : hostile[0];
            QuarryException failure = failure(() -> engine().query(
                            dataset.id(),
                            Workflow.of(ChartQueryExpressionContract.expr("x", hostile[0])),
                            QueryLimits.defaults()));
            soft.assertThat(failure.code()).as(shown).isEqualTo(EngineError.QUERY_EXPRESSION_INVALID);
            soft.assertThat(failure.getMessage()).as(shown).contains(hostile[1]);
        }
        soft.assertAll();
    }

    private static final String[] LEAVES = {
        "price",
        "qty",
        "city",
        "note",
        "at",
        "day",
        "flag",
        "name",
        "1",
        "0",
        "-2.5",
        "1e300",
        "'x'",
        "''",
        "'%'",
        "TRUE",
        "NULL",
        "'2024-01-01'"
    };
    private static final String[] BINARY = {
        "+", "-", "*", "/", "%", "=", "<>", "<", ">=", "AND", "OR", "LIKE", "ILIKE", "||"
    };
    private static final String[] FUNCTIONS = {
        "abs",
        "round",
        "floor",
        "ceil",
        "sqrt",
        "exp",
        "ln",
        "log10",
        "power",
        "sign",
        "lower",
        "upper",
        "length",
        "trim",
        "substr",
        "concat",
        "replace",
        "coalesce",
        "nullif",
        "greatest",
        "least",
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "date_trunc"
    };
    private static final String[] TYPES = {"double", "bigint", "varchar", "boolean", "date", "timestamp"};

    private static String random(Random random, int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            return LEAVES[random.nextInt(LEAVES.length)];
        }
        return switch (random.nextInt(8)) {
            case 0, 1 ->
                "(" + random(random, depth - 1) + " " + BINARY[random.nextInt(BINARY.length)] + " "
                        + random(random, depth - 1) + ")";
            case 2 -> {
                StringBuilder call = new StringBuilder(FUNCTIONS[random.nextInt(FUNCTIONS.length)]).append('(');
                int args = 1 + random.nextInt(3);
                for (int i = 0; i < args; i++) {
                    call.append(i == 0 ? "" : ", ").append(random(random, depth - 1));
                }
                yield call.append(')').toString();
            }
            case 3 -> "CAST(" + random(random, depth - 1) + " AS " + TYPES[random.nextInt(TYPES.length)] + ")";
            case 4 ->
                "CASE WHEN " + random(random, depth - 1) + " THEN " + random(random, depth - 1) + " ELSE "
                        + random(random, depth - 1) + " END";
            case 5 -> random(random, depth - 1) + " BETWEEN " + random(random, 0) + " AND " + random(random, 0);
            case 6 -> random(random, depth - 1) + (random.nextBoolean() ? " IS NULL" : " NOT IN (1, 'x', NULL)");
            default -> (random.nextBoolean() ? "-" : "NOT ") + random(random, depth - 1);
        };
    }

    @Test
    void randomExpressionsEitherRunOrFailAsInvalidNeverInTheEngine() {
        Dataset dataset = people();
        Random random = new Random(42);
        int ran = 0;
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < 1_000; i++) {
            String expression = random(random, 4);
            try {
                engine().query(
                                dataset.id(),
                                Workflow.of(ChartQueryExpressionContract.expr("x", expression)),
                                QueryLimits.defaults());
                ran++;
            } catch (QuarryException e) {
                soft.assertThat(e.code())
                        .as(expression + ": " + e.getMessage())
                        .isEqualTo(EngineError.QUERY_EXPRESSION_INVALID);
            }
        }
        soft.assertAll();
        assertThat(ran).as("expressions that ran").isGreaterThan(100);
    }

    @Test
    void hostileMeasureExpressionsFailTheSameWay() {
        Dataset dataset = people();

        QuarryException failure = failure(() -> engine().query(
                        dataset.id(),
                        Workflow.of(ViewStep.of(
                                new Aggregate(List.of(), List.of(new Measure("sum(price) + (SELECT 1)", EXPR, "x"))))),
                        QueryLimits.defaults()));

        assertThat(failure.code()).isEqualTo(EngineError.QUERY_EXPRESSION_INVALID);
        assertThat(failure.getMessage())
                .isEqualTo("The expression cannot use \"SELECT\" (position 15): SQL statements and clauses are not"
                        + " allowed in an expression.");
    }

    @Test
    void binsCannotBeUsedInExpressions() {
        Dataset dataset = people();

        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(
                                        TransformStep.of(Transform.of("b", TransformOp.BIN, field("price"))),
                                        ChartQueryExpressionContract.expr("x", "b IS NULL")),
                                QueryLimits.defaults()),
                EngineError.QUERY_EXPRESSION_INVALID,
                "The expression cannot use \"b\" (position 1): it is a bin, and expressions cannot use bins; use the"
                        + " field it was made from.");
    }

    @Test
    void aFieldNamedLikeSqlIsReadOnlyInQuotes() {
        org.assertj.core.api.Assumptions.assumeThat(supports(Capability.CHART_QUERIES))
                .isTrue();
        Dataset dataset = ingest("select,v\n1,2\n").dataset();

        assertThat(column(dataset, "x", ChartQueryExpressionContract.expr("x", "\"select\" * v")))
                .containsExactly(2.0);
        assertFails(
                () -> engine().query(
                                dataset.id(),
                                Workflow.of(ChartQueryExpressionContract.expr("x", "select * v")),
                                QueryLimits.defaults()),
                EngineError.QUERY_EXPRESSION_INVALID,
                "The expression cannot use \"select\" (position 1): SQL statements and clauses are not allowed in an"
                        + " expression.");
    }
}
