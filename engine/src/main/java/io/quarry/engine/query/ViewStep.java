package io.quarry.engine.query;

import java.util.List;
import java.util.Objects;

/** Reshapes the rows: each query runs over the result of the one before (views cascade). */
public record ViewStep(List<ViewQuery> query) implements Step {

    public ViewStep {
        query = List.copyOf(query);
        if (query.isEmpty()) {
            throw Wire.invalid("A view step needs a query.");
        }
    }

    public static ViewStep of(ViewQuery... query) {
        return new ViewStep(List.of(query));
    }

    /** One view. */
    public sealed interface ViewQuery {}

    /** One row per distinct combination of {@code groupBy} values, with a column per measure. */
    public record Aggregate(List<String> groupBy, List<Measure> measures) implements ViewQuery {

        public Aggregate {
            groupBy = List.copyOf(groupBy);
            measures = List.copyOf(measures);
        }
    }

    /** Only the given fields; {@code ["*"]} means every field. */
    public record Raw(List<String> fields) implements ViewQuery {

        public Raw {
            fields = List.copyOf(fields);
        }
    }

    /** One row per folded field and row: the other fields, the folded field's id and its value. */
    public record Fold(List<String> foldBy, String newFoldKeyCol, String newFoldValueCol) implements ViewQuery {

        public Fold {
            foldBy = List.copyOf(foldBy);
            Wire.name("fold key column", newFoldKeyCol);
            Wire.name("fold value column", newFoldValueCol);
            if (foldBy.isEmpty()) {
                throw Wire.invalid("A fold view needs at least one field to fold.");
            }
        }
    }

    /** One measure: {@code agg} of {@code field} (for count, {@code "*"} counts rows), named {@code asFieldKey}. */
    public record Measure(String field, Aggregation agg, String asFieldKey) {

        public Measure {
            Wire.name("measure field", field);
            Objects.requireNonNull(agg);
            Wire.name("measure name", asFieldKey);
        }
    }
}
