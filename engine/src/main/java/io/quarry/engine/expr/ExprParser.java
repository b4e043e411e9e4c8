package io.quarry.engine.expr;

import io.quarry.engine.expr.Expr.BinaryOp;
import io.quarry.engine.expr.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads an expression into a tree, by recursive descent. Precedence, loosest first: {@code OR}; {@code AND}; {@code
 * NOT}; comparisons, {@code IS [NOT] NULL}, {@code [NOT] IN}, {@code [NOT] BETWEEN}, {@code [NOT] LIKE/ILIKE}; {@code +
 * -}; {@code * / %}; unary {@code -}; {@code x::type}. Besides plain SQL it reads what Graphic Walker sends (its
 * SQL printer quotes function and type names, writes casts as {@code ::} and strings with a backslash as {@code
 * E'...'}). Input is bounded: at most {@link #MAX_LENGTH} characters and a tree at most {@link #MAX_DEPTH} nodes deep.
 * The parser knows no fields: {@link ExprChecker} resolves names and types.
 */
public final class ExprParser {

    /** Characters in one expression, at most. */
    public static final int MAX_LENGTH = 10_000;
    /** Nodes from the root of the tree to its deepest leaf, at most. */
    public static final int MAX_DEPTH = 64;

    /** Words of SQL statements and clauses: named in the error instead of being taken for a field. */
    private static final Set<String> STATEMENT_WORDS = Set.of(
            "select",
            "from",
            "where",
            "union",
            "with",
            "copy",
            "attach",
            "detach",
            "install",
            "load",
            "pragma",
            "set",
            "reset",
            "call",
            "export",
            "import",
            "create",
            "drop",
            "alter",
            "insert",
            "update",
            "delete",
            "execute",
            "prepare",
            "table",
            "into",
            "values",
            "exists",
            "checkpoint",
            "vacuum",
            "summarize",
            "describe",
            "begin",
            "commit",
            "rollback");

    private static final Set<String> RESERVED = Set.of(
            "and", "or", "not", "is", "null", "in", "between", "like", "ilike", "case", "when", "then", "else", "end",
            "cast", "as", "true", "false");

    private final List<Token> tokens;
    private final Map<Expr, Integer> heights = new IdentityHashMap<>();
    private int next;
    private int nesting;

    private ExprParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** @throws io.quarry.engine.QuarryException {@code QUERY_EXPRESSION_INVALID} naming the token and position */
    public static Expr parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw ExpressionException.whole(
                    "The expression is " + text.length() + " characters long; at most " + MAX_LENGTH + " are allowed.");
        }
        if (text.isBlank()) {
            throw ExpressionException.whole("The expression is empty.");
        }
        ExprParser parser = new ExprParser(Lexer.tokens(text));
        Expr expr = parser.expression();
        Token end = parser.peek();
        if (end.kind() != Kind.END) {
            throw parser.unexpected(end, "the expression should end here");
        }
        return expr;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekAfter() {
        return tokens.get(Math.min(next + 1, tokens.size() - 1));
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private boolean takeKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            next++;
            return true;
        }
        return false;
    }

    private boolean takeSymbol(String symbol) {
        if (peek().is(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private void expectSymbol(String symbol, String what) {
        Token token = peek();
        if (!takeSymbol(symbol)) {
            throw unexpected(token, "expected " + what);
        }
    }

    private void expectKeyword(String keyword) {
        Token token = peek();
        if (!takeKeyword(keyword)) {
            throw unexpected(token, "expected " + keyword.toUpperCase(Locale.ROOT));
        }
    }

    private RuntimeException unexpected(Token token, String reason) {
        if (token.kind() == Kind.NAME && STATEMENT_WORDS.contains(token.text().toLowerCase(Locale.ROOT))) {
            return ExpressionException.at(token, "SQL statements and clauses are not allowed in an expression");
        }
        return ExpressionException.at(token, reason);
    }

    /** Registers a new node, refusing it when the tree would be too deep. */
    private <T extends Expr> T node(T expr, Token at) {
        int height = 1;
        for (Expr child : expr.children()) {
            height = Math.max(height, heights.getOrDefault(child, 1) + 1);
        }
        if (height > MAX_DEPTH) {
            throw ExpressionException.at(at, "the expression is nested more than " + MAX_DEPTH + " levels deep");
        }
        heights.put(expr, height);
        return expr;
    }

    /** Enters a nested part, refusing to go deeper than the tree may be (this bounds the parser's own stack). */
    private void enter(Token at) {
        if (++nesting > MAX_DEPTH) {
            throw ExpressionException.at(at, "the expression is nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private void leave() {
        nesting--;
    }

    private Expr expression() {
        enter(peek());
        try {
            return or();
        } finally {
            leave();
        }
    }

    private Expr or() {
        Expr left = and();
        while (peek().isKeyword("or")) {
            Token op = take();
            left = node(new Expr.Binary(BinaryOp.OR, left, and(), op.position()), op);
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().isKeyword("and")) {
            Token op = take();
            left = node(new Expr.Binary(BinaryOp.AND, left, not(), op.position()), op);
        }
        return left;
    }

    private Expr not() {
        if (peek().isKeyword("not")) {
            Token op = take();
            enter(op);
            try {
                return node(new Expr.Unary(Expr.UnaryOp.NOT, not(), op.position()), op);
            } finally {
                leave();
            }
        }
        return predicate();
    }

    private Expr predicate() {
        Expr left = additive();
        Token token = peek();
        BinaryOp comparison = comparison(token);
        if (comparison != null) {
            take();
            return node(new Expr.Binary(comparison, left, additive(), token.position()), token);
        }
        if (token.isKeyword("is")) {
            take();
            boolean negated = takeKeyword("not");
            expectKeyword("null");
            return node(new Expr.IsNull(left, negated, token.position()), token);
        }
        boolean negated = false;
        if (token.isKeyword("not")
                && (peekAfter().isKeyword("in")
                        || peekAfter().isKeyword("between")
                        || peekAfter().isKeyword("like")
                        || peekAfter().isKeyword("ilike"))) {
            take();
            negated = true;
            token = peek();
        }
        if (takeKeyword("in")) {
            expectSymbol("(", "( and a list of values");
            List<Expr> values = new ArrayList<>();
            do {
                Expr value = additive();
                if (!isValue(value)) {
                    throw ExpressionException.at(
                            ExprChecker.shown(value),
                            value.position(),
                            "IN takes a list of values (numbers, strings, TRUE, FALSE or NULL)");
                }
                values.add(value);
            } while (takeSymbol(","));
            expectSymbol(")", ") after the list of values");
            return node(new Expr.In(left, values, negated, token.position()), token);
        }
        if (takeKeyword("between")) {
            Expr low = additive();
            expectKeyword("and");
            Expr high = additive();
            return node(new Expr.Between(left, low, high, negated, token.position()), token);
        }
        if (token.isKeyword("like") || token.isKeyword("ilike")) {
            take();
            boolean caseInsensitive = token.isKeyword("ilike");
            return node(new Expr.Like(left, additive(), caseInsensitive, negated, token.position()), token);
        }
        return left;
    }

    private static boolean isValue(Expr expr) {
        return switch (expr) {
            case Expr.NumberLiteral n -> true;
            case Expr.StringLiteral t -> true;
            case Expr.BooleanLiteral b -> true;
            case Expr.NullLiteral n -> true;
            case Expr.Unary unary -> unary.op() == Expr.UnaryOp.NEGATE && unary.operand() instanceof Expr.NumberLiteral;
            default -> false;
        };
    }

    private static @Nullable BinaryOp comparison(Token token) {
        if (token.kind() != Kind.SYMBOL) {
            return null;
        }
        return switch (token.text()) {
            case "=" -> BinaryOp.EQUAL;
            case "<>", "!=" -> BinaryOp.NOT_EQUAL;
            case "<" -> BinaryOp.LESS;
            case "<=" -> BinaryOp.LESS_OR_EQUAL;
            case ">" -> BinaryOp.GREATER;
            case ">=" -> BinaryOp.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = take();
            BinaryOp binary = op.is("+") ? BinaryOp.ADD : BinaryOp.SUBTRACT;
            left = node(new Expr.Binary(binary, left, multiplicative(), op.position()), op);
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            Token op = take();
            BinaryOp binary = switch (op.text()) {
                case "*" -> BinaryOp.MULTIPLY;
                case "/" -> BinaryOp.DIVIDE;
                default -> BinaryOp.MODULO;
            };
            left = node(new Expr.Binary(binary, left, unary(), op.position()), op);
        }
        return left;
    }

    private Expr unary() {
        if (peek().is("-")) {
            Token op = take();
            enter(op);
            try {
                return node(new Expr.Unary(Expr.UnaryOp.NEGATE, unary(), op.position()), op);
            } finally {
                leave();
            }
        }
        Expr operand = primary();
        while (peek().is("::")) {
            Token op = take();
            operand = node(new Expr.Cast(operand, castType(), op.position()), op);
        }
        return operand;
    }

    private Expr primary() {
        Token token = peek();
        switch (token.kind()) {
            case NUMBER, STRING -> {
                return literal();
            }
            case QUOTED_NAME -> {
                if (peekAfter().is("(")) {
                    return call(token);
                }
                take();
                return node(new Expr.FieldRef(token.text(), token.position()), token);
            }
            case SYMBOL -> {
                if (token.is("(")) {
                    take();
                    Expr inner = expression();
                    expectSymbol(")", "a closing )");
                    return inner;
                }
                throw unexpected(token, "expected a value");
            }
            case END -> throw unexpected(token, "the expression ends too early");
            case NAME -> {
                return named(token);
            }
        }
        throw new IllegalStateException("unknown token kind " + token.kind());
    }

    private Expr named(Token token) {
        String lower = token.text().toLowerCase(Locale.ROOT);
        switch (lower) {
            case "true", "false", "null" -> {
                return literal();
            }
            case "case" -> {
                return caseExpression();
            }
            case "cast" -> {
                return cast();
            }
            default -> {
                // a field or a function below
            }
        }
        if (peekAfter().is("(")) {
            return call(token);
        }
        if (STATEMENT_WORDS.contains(lower) || RESERVED.contains(lower)) {
            throw unexpected(token, "expected a value");
        }
        take();
        return node(new Expr.FieldRef(token.text(), token.position()), token);
    }

    /** A number, string, TRUE, FALSE or NULL. */
    private Expr literal() {
        Token token = take();
        return switch (token.kind()) {
            case NUMBER -> node(new Expr.NumberLiteral(number(token), token.position()), token);
            case STRING -> node(new Expr.StringLiteral(token.text(), token.position()), token);
            case NAME -> {
                if (token.isKeyword("true") || token.isKeyword("false")) {
                    yield node(new Expr.BooleanLiteral(token.isKeyword("true"), token.position()), token);
                }
                if (token.isKeyword("null")) {
                    yield node(new Expr.NullLiteral(token.position()), token);
                }
                throw unexpected(token, "expected a number, a string, TRUE, FALSE or NULL");
            }
            default -> throw unexpected(token, "expected a number, a string, TRUE, FALSE or NULL");
        };
    }

    private static BigDecimal number(Token token) {
        BigDecimal value;
        try {
            value = new BigDecimal(token.text());
        } catch (NumberFormatException e) {
            throw ExpressionException.at(token, "the number's exponent is out of range");
        }
        if (value.abs().compareTo(BigDecimal.valueOf(Double.MAX_VALUE)) > 0) {
            throw ExpressionException.at(token, "the number is too large");
        }
        return value;
    }

    private Expr caseExpression() {
        Token start = take();
        enter(start);
        try {
            Expr operand = peek().isKeyword("when") ? null : expression();
            List<Expr.When> whens = new ArrayList<>();
            while (takeKeyword("when")) {
                Expr condition = expression();
                expectKeyword("then");
                whens.add(new Expr.When(condition, expression()));
            }
            if (whens.isEmpty()) {
                throw unexpected(peek(), "expected WHEN");
            }
            Expr otherwise = takeKeyword("else") ? expression() : null;
            expectKeyword("end");
            return node(new Expr.Case(operand, whens, otherwise, start.position()), start);
        } finally {
            leave();
        }
    }

    private Expr cast() {
        Token start = take();
        enter(start);
        try {
            expectSymbol("(", "( after CAST");
            Expr operand = expression();
            expectKeyword("as");
            CastType type = castType();
            expectSymbol(")", ") after the type");
            return node(new Expr.Cast(operand, type, start.position()), start);
        } finally {
            leave();
        }
    }

    /** A type name, plain or in double quotes ({@code double precision} either way). */
    private CastType castType() {
        Token typeName = take();
        boolean named = typeName.kind() == Kind.NAME || typeName.kind() == Kind.QUOTED_NAME;
        CastType type = named ? CastType.of(typeName.text()) : null;
        if (type == null) {
            throw unexpected(typeName, "a cast can only make " + CastType.allowed());
        }
        if (typeName.isKeyword("double")) {
            takeKeyword("precision");
        }
        return type;
    }

    private Expr call(Token name) {
        take();
        take();
        enter(name);
        try {
            AggregateFunction aggregate = AggregateFunction.of(name.text());
            if (aggregate != null) {
                Expr arg;
                if (aggregate == AggregateFunction.COUNT && peek().is("*")) {
                    take();
                    arg = null;
                } else {
                    arg = expression();
                }
                expectSymbol(")", ") after the one argument of " + aggregate.sqlName());
                return node(new Expr.Aggregate(aggregate, arg, name.position()), name);
            }
            ScalarFunction function = ScalarFunction.of(name.text());
            if (function == null) {
                throw unexpected(
                        name,
                        "it is not one of the allowed functions (" + ScalarFunction.allowed() + "; in an aggregate: "
                                + AggregateFunction.allowed() + ")");
            }
            List<Expr> args = new ArrayList<>();
            if (!peek().is(")")) {
                do {
                    args.add(expression());
                } while (takeSymbol(","));
            }
            expectSymbol(")", "a closing ) after the arguments of " + function.sqlName());
            if (args.size() < function.minArgs() || args.size() > function.maxArgs()) {
                throw ExpressionException.at(
                        name,
                        function.sqlName() + " takes "
                                + (function.minArgs() == function.maxArgs()
                                        ? String.valueOf(function.minArgs())
                                        : function.minArgs() + " to " + function.maxArgs())
                                + " arguments, not " + args.size());
            }
            return node(new Expr.Call(function, args, name.position()), name);
        } finally {
            leave();
        }
    }
}
