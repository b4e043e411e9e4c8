package io.quarry.engine.expr;

import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;

/** Builds the {@code QUERY_EXPRESSION_INVALID} errors: each names the offending token and its position. */
final class ExpressionException {

    private static final int MAX_SHOWN = 40;

    private ExpressionException() {}

    /** The text in double quotes, shortened when long, with control characters shown as escapes. */
    static String quote(String text) {
        String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }

    static QuarryException at(Token token, String reason) {
        return at(token.shown(), token.position(), reason);
    }

    static QuarryException at(String shown, int position, String reason) {
        return new QuarryException(
                EngineError.QUERY_EXPRESSION_INVALID,
                "The expression cannot use " + shown + " (position " + position + "): " + reason + ".");
    }

    static QuarryException whole(String detail) {
        return new QuarryException(EngineError.QUERY_EXPRESSION_INVALID, detail);
    }
}
