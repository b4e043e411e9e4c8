package io.quarry.engine;

import java.util.Objects;

/** Sort by a column; nulls sort last in both directions, ties are broken by the row's position in the file. */
public record SortKey(String column, boolean descending) {

    public SortKey {
        Objects.requireNonNull(column);
    }

    /** Parses {@code col} or {@code col:desc} / {@code col:asc}. */
    public static SortKey parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon > 0) {
            String direction = text.substring(colon + 1);
            if (direction.equalsIgnoreCase("desc")) {
                return new SortKey(text.substring(0, colon), true);
            }
            if (direction.equalsIgnoreCase("asc")) {
                return new SortKey(text.substring(0, colon), false);
            }
        }
        return new SortKey(text, false);
    }
}
