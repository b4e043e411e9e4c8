package io.quarry.engine.expr;

import io.quarry.engine.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens. Only these are tokens: numbers ({@code 12}, {@code 1.5}, {@code 2e3}), strings in
 * single quotes ({@code ''} for a quote; a backslash is just a character), names of letters, digits and underscores ({@code price}, {@code _a1}), names in
 * double quotes ({@code "unit price"}, {@code ""} for a quote), and the symbols {@code ( ) , + - * / % = <> != < <= >
 * >=}. Anything else, a {@code ;} and comments among it, is an error naming the character and its position.
 */
final class Lexer {

    private final String text;
    private int at;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        return new Lexer(text).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpace();
            if (at >= text.length()) {
                tokens.add(new Token(Kind.END, "", at + 1));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private Token next() {
        int start = at;
        char c = text.charAt(at);
        if (isDigit(c) || (c == '.' && at + 1 < text.length() && isDigit(text.charAt(at + 1)))) {
            return number(start);
        }
        if (c == '\'') {
            return quoted(start, '\'', Kind.STRING, false);
        }
        if ((c == 'E' || c == 'e') && text.startsWith("'", at + 1)) {
            at++;
            return quoted(start, '\'', Kind.STRING, true);
        }
        if (c == '"') {
            return quoted(start, '"', Kind.QUOTED_NAME, false);
        }
        if (isNameStart(c)) {
            while (at < text.length() && isNamePart(text.charAt(at))) {
                at++;
            }
            return new Token(Kind.NAME, text.substring(start, at), start + 1);
        }
        if (text.startsWith("--", at) || text.startsWith("/*", at)) {
            throw ExpressionException.at(
                    ExpressionException.quote(text.substring(at, at + 2)), start + 1, "comments are not allowed");
        }
        for (String symbol : new String[] {"<>", "!=", "<=", ">=", "::"}) {
            if (text.startsWith(symbol, at)) {
                at += 2;
                return new Token(Kind.SYMBOL, symbol, start + 1);
            }
        }
        if ("(),+-*/%=<>".indexOf(c) >= 0) {
            at++;
            return new Token(Kind.SYMBOL, String.valueOf(c), start + 1);
        }
        String character = new String(Character.toChars(text.codePointAt(at)));
        String reason = c == ';' ? "an expression is one value, not statements" : "it is not part of the language";
        throw ExpressionException.at(ExpressionException.quote(character), start + 1, reason);
    }

    private Token number(int start) {
        while (at < text.length() && isDigit(text.charAt(at))) {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            while (at < text.length() && isDigit(text.charAt(at))) {
                at++;
            }
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            int mark = at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            if (at >= text.length() || !isDigit(text.charAt(at))) {
                at = mark;
            }
            while (at < text.length() && isDigit(text.charAt(at))) {
                at++;
            }
        }
        if (at < text.length() && isNamePart(text.charAt(at))) {
            while (at < text.length() && isNamePart(text.charAt(at))) {
                at++;
            }
            throw ExpressionException.at(
                    ExpressionException.quote(text.substring(start, at)), start + 1, "it is not a number");
        }
        return new Token(Kind.NUMBER, text.substring(start, at), start + 1);
    }

    /** @param escapes an {@code E'...'} string, where a backslash is written {@code \\} (no other escapes) */
    private Token quoted(int start, char quote, Kind kind, boolean escapes) {
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                throw ExpressionException.at(
                        ExpressionException.quote(String.valueOf(quote)),
                        start + 1,
                        kind == Kind.STRING ? "the string is not closed" : "the quoted name is not closed");
            }
            char c = text.charAt(at++);
            if (c == '\0') {
                throw ExpressionException.at("\"\\u0000\"", at, "a NUL character is not allowed");
            }
            if (escapes && c == '\\') {
                if (at >= text.length() || text.charAt(at) != '\\') {
                    throw ExpressionException.at(
                            "\"\\\"",
                            at,
                            "in an E'...' string a backslash is written \\\\, and no other escape is allowed");
                }
                value.append('\\');
                at++;
                continue;
            }
            if (c == quote) {
                if (at < text.length() && text.charAt(at) == quote) {
                    value.append(quote);
                    at++;
                    continue;
                }
                return new Token(kind, value.toString(), start + 1);
            }
            value.append(c);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
