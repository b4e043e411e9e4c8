package io.quarry.engine.sql;

/** Quoting for the few places where text must become SQL. Every identifier and literal goes through here. */
public final class Sql {

    private Sql() {}

    /** A quoted identifier: {@code "name"} with inner quotes doubled. */
    public static String identifier(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in identifier");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A quoted string literal: {@code 'text'} with inner quotes doubled. */
    public static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in literal");
        }
        return '\'' + text.replace("'", "''") + '\'';
    }
}
