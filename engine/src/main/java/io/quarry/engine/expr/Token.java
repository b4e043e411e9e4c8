package io.quarry.engine.expr;

/**
 * One token of an expression.
 *
 * @param text the token as written (for a string or quoted name: its value, quotes removed)
 * @param position where it starts, counted in characters from 1
 */
record Token(Kind kind, String text, int position) {

    enum Kind {
        NUMBER,
        STRING,
        NAME,
        QUOTED_NAME,
        SYMBOL,
        END
    }

    boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** True for an unquoted name equal to the keyword, ignoring case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }

    /** The token as a message shows it. */
    String shown() {
        return switch (kind) {
            case END -> "the end";
            case STRING -> ExpressionException.quote("'" + text + "'");
            default -> ExpressionException.quote(text);
        };
    }
}
