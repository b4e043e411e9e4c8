package io.quarry.bench.gen;

/** RFC 4180 quoting of one field. */
final class Csv {

    private Csv() {}

    /** Quotes {@code field} when it holds a comma, quote or line break, doubling its quotes; else returns it as is. */
    static String quote(String field) {
        boolean needsQuotes = field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
