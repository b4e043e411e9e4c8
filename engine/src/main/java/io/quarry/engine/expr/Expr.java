package io.quarry.engine.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A node of a parsed expression; {@code position} is where its text starts (characters, from 1). */
public sealed interface Expr {

    int position();

    /** The nodes directly below this one. */
    List<Expr> children();

    record NumberLiteral(BigDecimal value, int position) implements Expr {
        public NumberLiteral {
            Objects.requireNonNull(value);
        }

        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    record StringLiteral(String value, int position) implements Expr {
        public StringLiteral {
            Objects.requireNonNull(value);
        }

        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    record BooleanLiteral(boolean value, int position) implements Expr {
        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    record NullLiteral(int position) implements Expr {
        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    /** A field, by the name written (a field id, or a field's display name). */
    record FieldRef(String name, int position) implements Expr {
        public FieldRef {
            Objects.requireNonNull(name);
        }

        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    enum UnaryOp {
        NEGATE,
        NOT
    }

    record Unary(UnaryOp op, Expr operand, int position) implements Expr {
        @Override
        public List<Expr> children() {
            return List.of(operand);
        }
    }

    enum BinaryOp {
        ADD("+"),
        SUBTRACT("-"),
        MULTIPLY("*"),
        DIVIDE("/"),
        MODULO("%"),
        EQUAL("="),
        NOT_EQUAL("<>"),
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">="),
        AND("AND"),
        OR("OR");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean arithmetic() {
            return ordinal() <= MODULO.ordinal();
        }

        public boolean comparison() {
            return ordinal() >= EQUAL.ordinal() && ordinal() <= GREATER_OR_EQUAL.ordinal();
        }
    }

    /** {@code position} is the operator's. */
    record Binary(BinaryOp op, Expr left, Expr right, int position) implements Expr {
        @Override
        public List<Expr> children() {
            return List.of(left, right);
        }
    }

    record IsNull(Expr operand, boolean negated, int position) implements Expr {
        @Override
        public List<Expr> children() {
            return List.of(operand);
        }
    }

    /** {@code operand [NOT] IN (literal, ...)}. */
    record In(Expr operand, List<Expr> values, boolean negated, int position) implements Expr {
        public In {
            values = List.copyOf(values);
        }

        @Override
        public List<Expr> children() {
            List<Expr> all = new ArrayList<>(values.size() + 1);
            all.add(operand);
            all.addAll(values);
            return all;
        }
    }

    record Between(Expr operand, Expr low, Expr high, boolean negated, int position) implements Expr {
        @Override
        public List<Expr> children() {
            return List.of(operand, low, high);
        }
    }

    record Like(Expr operand, Expr pattern, boolean caseInsensitive, boolean negated, int position) implements Expr {
        @Override
        public List<Expr> children() {
            return List.of(operand, pattern);
        }
    }

    record When(Expr condition, Expr result) {}

    /** {@code CASE [operand] WHEN ... THEN ... [ELSE ...] END}; with an operand, each condition is a value to match. */
    record Case(
            @Nullable Expr operand,
            List<When> whens,
            @Nullable Expr otherwise,
            int position) implements Expr {
        public Case {
            whens = List.copyOf(whens);
        }

        @Override
        public List<Expr> children() {
            List<Expr> all = new ArrayList<>();
            if (operand != null) {
                all.add(operand);
            }
            for (When when : whens) {
                all.add(when.condition());
                all.add(when.result());
            }
            if (otherwise != null) {
                all.add(otherwise);
            }
            return all;
        }
    }

    record Cast(Expr operand, CastType type, int position) implements Expr {
        @Override
        public List<Expr> children() {
            return List.of(operand);
        }
    }

    record Call(ScalarFunction function, List<Expr> args, int position) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public List<Expr> children() {
            return args;
        }
    }

    /** An aggregate over the rows of a group; {@code arg} is null for {@code count(*)}. */
    record Aggregate(AggregateFunction function, @Nullable Expr arg, int position) implements Expr {
        @Override
        public List<Expr> children() {
            return arg == null ? List.of() : List.of(arg);
        }
    }
}
