package io.quarry.engine;

import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row of a page.
 *
 * @param position the row's 1-based position in the file's data rows
 * @param values in column order: Long, BigDecimal, Double, Boolean, LocalDate, LocalDateTime, String or null
 */
public record Row(long position, List<@Nullable Object> values) {

    public Row {
        values = Collections.unmodifiableList(values);
    }
}
