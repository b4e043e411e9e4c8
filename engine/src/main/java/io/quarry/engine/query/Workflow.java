package io.quarry.engine.query;

import java.util.List;

/**
 * A chart query: steps run strictly in order, then {@code offset} and {@code limit}.
 *
 * @param limit rows to return; 0 or less means no bound (the engine still caps the rows and says so)
 * @param offset rows to skip, 0 or more
 */
public record Workflow(List<Step> steps, long limit, long offset) {

    public Workflow {
        steps = List.copyOf(steps);
        if (offset < 0) {
            throw Wire.invalid("The offset must be 0 or more, not " + offset + ".");
        }
    }

    public static Workflow of(Step... steps) {
        return new Workflow(List.of(steps), 0, 0);
    }

    public Workflow withLimit(long newLimit) {
        return new Workflow(steps, newLimit, offset);
    }

    public Workflow withOffset(long newOffset) {
        return new Workflow(steps, limit, newOffset);
    }
}
