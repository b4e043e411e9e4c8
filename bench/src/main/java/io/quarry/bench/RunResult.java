package io.quarry.bench;

import java.util.Objects;
import java.util.Optional;

/**
 * One run of one contender in a child JVM.
 *
 * @param contender who ingested
 * @param wallSeconds the child JVM's whole life, start-up and engine open included
 * @param measurement what the child reported; empty when it failed
 * @param failure why it failed, for a person; empty when it succeeded
 */
record RunResult(Contender contender, double wallSeconds, Optional<Measurement> measurement, String failure) {

    RunResult {
        Objects.requireNonNull(contender);
        Objects.requireNonNull(measurement);
        Objects.requireNonNull(failure);
    }

    boolean succeeded() {
        return measurement.isPresent();
    }
}
