package io.quarry.engine.expr;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The functions an expression may call, by name (any case), with how many arguments each takes. Any other name
 * followed by {@code (} is refused. What each computes is in docs/charts.md, "Computed fields".
 */
public enum ScalarFunction {
    ABS(1, 1),
    ROUND(1, 2),
    FLOOR(1, 1),
    CEIL(1, 1, "ceiling"),
    SQRT(1, 1),
    EXP(1, 1),
    LN(1, 1),
    LOG10(1, 1),
    POWER(2, 2, "pow"),
    SIGN(1, 1),
    LOWER(1, 1),
    UPPER(1, 1),
    LENGTH(1, 1),
    TRIM(1, 1),
    SUBSTR(2, 3, "substring"),
    CONCAT(1, 32),
    REPLACE(3, 3),
    COALESCE(1, 32),
    NULLIF(2, 2),
    GREATEST(1, 32),
    LEAST(1, 32),
    YEAR(1, 1),
    MONTH(1, 1),
    DAY(1, 1),
    HOUR(1, 1),
    MINUTE(1, 1),
    DATE_TRUNC(2, 2);

    private final int minArgs;
    private final int maxArgs;
    private final List<String> aliases;

    ScalarFunction(int minArgs, int maxArgs, String... aliases) {
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.aliases = List.of(aliases);
    }

    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    int minArgs() {
        return minArgs;
    }

    int maxArgs() {
        return maxArgs;
    }

    static @Nullable ScalarFunction of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (ScalarFunction function : values()) {
            if (function.sqlName().equals(lower) || function.aliases.contains(lower)) {
                return function;
            }
        }
        return null;
    }

    static String allowed() {
        return Arrays.stream(values()).map(ScalarFunction::sqlName).collect(Collectors.joining(", "));
    }
}
