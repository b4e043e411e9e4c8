package io.quarry.engine.query;

import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;

/** Shared checks of payload text: names are quoted in messages, shortened, never trusted. */
final class Wire {

    private static final int MAX_SHOWN = 80;

    private Wire() {}

    /** The text in quotes for a message, shortened when long. */
    static String quote(String text) {
        String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
        return '"' + shown + '"';
    }

    static QuarryException invalid(String detail) {
        return new QuarryException(EngineError.QUERY_INVALID, detail);
    }

    static QuarryException unknown(String what, String value) {
        return invalid("The chart asks for an unknown " + what + " " + quote(value) + ".");
    }

    static String name(String what, String value) {
        if (value.isBlank()) {
            throw invalid("The chart has an empty " + what + ".");
        }
        return value;
    }
}
