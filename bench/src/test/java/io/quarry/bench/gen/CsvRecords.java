package io.quarry.bench.gen;

import java.util.ArrayList;
import java.util.List;

/** A small, strict RFC 4180 reader for checking the generator's output; not a fast one. */
final class CsvRecords {

    private CsvRecords() {}

    /** Splits {@code text} into records of fields; fails on a stray quote or an unterminated quoted field. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                int end = i + 1;
                while (true) {
                    int quote = text.indexOf('"', end);
                    if (quote < 0) {
                        throw new IllegalArgumentException("unterminated quoted field at " + i);
                    }
                    field.append(text, end, quote);
                    if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
                        field.append('"');
                        end = quote + 2;
                    } else {
                        i = quote + 1;
                        break;
                    }
                }
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\n') {
                    throw new IllegalArgumentException("text after a closing quote at " + i);
                }
                continue;
            }
            if (c == '"') {
                throw new IllegalArgumentException("a quote inside an unquoted field at " + i);
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(List.copyOf(fields));
                fields.clear();
            } else {
                field.append(c);
            }
            i++;
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            throw new IllegalArgumentException("the last record has no line ending");
        }
        return records;
    }
}
