package io.quarry.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header row, then rows; numeric columns right-aligned, long cells shortened. */
final class TextTable {

    private static final int MAX_CELL = 40;

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers, boolean[] rightAligned) {
        if (headers.size() != rightAligned.length) {
            throw new IllegalArgumentException("one alignment per header");
        }
        this.headers = List.copyOf(headers);
        this.rightAligned = rightAligned.clone();
    }

    TextTable add(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size());
        }
        rows.add(cells.stream().map(TextTable::shorten).toList());
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printRow(out, headers, widths);
        for (List<String> row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    private void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            line.append(rightAligned[i] ? padding + cell : cell + padding);
        }
        out.println(line.toString().stripTrailing());
    }

    static String shorten(String cell) {
        String flat = cell.replaceAll("\\R", "⏎").replace('\t', ' ');
        return flat.length() <= MAX_CELL ? flat : flat.substring(0, MAX_CELL - 1) + "…";
    }
}
