package io.quarry.engine.query;

import java.util.List;

/** Orders the rows by the fields in {@code by}; nulls last either way, ties keep their previous order. */
public record SortStep(boolean descending, List<String> by) implements Step {

    public SortStep {
        by = List.copyOf(by);
        if (by.isEmpty()) {
            throw Wire.invalid("A sort step needs at least one field.");
        }
    }

    public static SortStep ascending(String... by) {
        return new SortStep(false, List.of(by));
    }

    public static SortStep descending(String... by) {
        return new SortStep(true, List.of(by));
    }

    /** @param direction {@code ascending} or {@code descending} */
    public static SortStep fromWire(String direction, List<String> by) {
        return switch (direction) {
            case "ascending" -> new SortStep(false, by);
            case "descending" -> new SortStep(true, by);
            default -> throw Wire.unknown("sort direction", direction);
        };
    }
}
