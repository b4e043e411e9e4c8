package io.quarry.engine;

import java.util.Objects;

/**
 * One column of a dataset.
 *
 * @param name the API name: unique (case-insensitively), non-empty, derived deterministically from the header
 * @param label the header text, verbatim
 * @param type the column's type
 * @param position 0-based position in the file
 */
public record Column(String name, String label, ColumnType type, int position) {

    public Column {
        Objects.requireNonNull(name);
        Objects.requireNonNull(label);
        Objects.requireNonNull(type);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
        if (position < 0) {
            throw new IllegalArgumentException("negative position");
        }
    }
}
