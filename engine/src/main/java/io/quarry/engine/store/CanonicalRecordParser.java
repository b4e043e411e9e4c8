package io.quarry.engine.store;

import io.quarry.engine.Column;
import io.quarry.engine.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses records of the canonical dialect (comma, RFC 4180 quotes, LF) into typed values. The ingest wrote only
 * values that convert exactly to their column's type, so reading the text back gives the stored value.
 */
final class CanonicalRecordParser {

    private final byte[] bytes;
    private final List<Column> columns;

    CanonicalRecordParser(byte[] bytes, List<Column> columns) {
        this.bytes = bytes;
        this.columns = columns;
    }

    Row parse(int start, long position) {
        List<Object> values = new ArrayList<>(columns.size());
        int p = start;
        for (Column column : columns) {
            if (p < bytes.length && bytes[p] == '"') {
                StringBuilder text = new StringBuilder();
                int from = ++p;
                while (true) {
                    if (bytes[p] == '"') {
                        if (p + 1 < bytes.length && bytes[p + 1] == '"') {
                            text.append(new String(bytes, from, p + 1 - from, StandardCharsets.UTF_8));
                            p += 2;
                            from = p;
                            continue;
                        }
                        text.append(new String(bytes, from, p - from, StandardCharsets.UTF_8));
                        p++;
                        break;
                    }
                    p++;
                }
                values.add(convert(column, text.toString()));
            } else {
                int from = p;
                while (p < bytes.length && bytes[p] != ',' && bytes[p] != '\n') {
                    p++;
                }
                values.add(
                        p == from ? null : convert(column, new String(bytes, from, p - from, StandardCharsets.UTF_8)));
            }
            p++;
        }
        return new Row(position, values);
    }

    private static Object convert(Column column, String text) {
        return switch (column.type().type()) {
            case BIGINT -> Long.parseLong(text);
            case DECIMAL -> new BigDecimal(text).setScale(column.type().scale());
            case DOUBLE -> Double.parseDouble(text);
            case BOOLEAN -> text.equalsIgnoreCase("true");
            case DATE -> LocalDate.parse(text);
            case TIMESTAMP ->
                text.length() == 10
                        ? LocalDate.parse(text).atStartOfDay()
                        : LocalDateTime.parse(text.replace(' ', 'T'));
            case VARCHAR -> text;
        };
    }
}
