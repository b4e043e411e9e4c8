package io.quarry.engine.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A filter rule on one field. */
public sealed interface FilterRule {

    /** Inclusive at both ends; a null end is open; null values never pass. */
    record Range(@Nullable Double min, @Nullable Double max) implements FilterRule {

        public Range {
            if ((min != null && min.isNaN()) || (max != null && max.isNaN())) {
                throw Wire.invalid("A range filter needs numbers as its ends.");
            }
        }
    }

    /** Inclusive bounds in epoch milliseconds (UTC); a null end is open; null values never pass. */
    record TemporalRange(@Nullable Long min, @Nullable Long max) implements FilterRule {}

    /** Values equal to one of these pass; a null member lets null values pass. */
    record OneOf(List<@Nullable Object> values) implements FilterRule {

        public OneOf {
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** Values equal to none of these pass; null values pass unless the list holds null. */
    record NotIn(List<@Nullable Object> values) implements FilterRule {

        public NotIn {
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** The pattern found anywhere in the value (as text); an invalid pattern matches nothing. */
    record Regexp(String pattern, boolean caseSensitive) implements FilterRule {

        public Regexp {
            Objects.requireNonNull(pattern);
        }
    }
}
