package io.quarry.engine.expr;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The aggregates an {@code expr} measure may use; each takes one row-level argument ({@code count} also {@code *}). */
public enum AggregateFunction {
    COUNT,
    SUM,
    AVG("mean"),
    MIN,
    MAX,
    MEDIAN;

    private final List<String> aliases;

    AggregateFunction(String... aliases) {
        this.aliases = List.of(aliases);
    }

    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static @Nullable AggregateFunction of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (AggregateFunction function : values()) {
            if (function.sqlName().equals(lower) || function.aliases.contains(lower)) {
                return function;
            }
        }
        return null;
    }

    static String allowed() {
        return Arrays.stream(values()).map(AggregateFunction::sqlName).collect(Collectors.joining(", "));
    }
}
