package io.quarry.engine.query;

import java.util.List;

/** Keeps the rows that pass every filter (the filters are AND-ed). */
public record FilterStep(List<FieldFilter> filters) implements Step {

    public FilterStep {
        filters = List.copyOf(filters);
    }

    public static FilterStep of(FieldFilter... filters) {
        return new FilterStep(List.of(filters));
    }

    /** One field's filter. */
    public record FieldFilter(String fid, FilterRule rule) {

        public FieldFilter {
            Wire.name("field id", fid);
        }
    }
}
