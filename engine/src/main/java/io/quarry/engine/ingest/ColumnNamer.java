package io.quarry.engine.ingest;

import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns header labels into API names: runs of characters other than letters, digits and underscore become one
 * {@code _}, leading and trailing underscores go, an empty name becomes {@code column_N}, and a name already taken
 * (ignoring case) gets {@code _2}, {@code _3}, ... The labels themselves are kept verbatim elsewhere, up to
 * {@value #MAX_LABEL_LENGTH} characters each (a longer one keeps its first ones, with a warning).
 */
final class ColumnNamer {

    /** The longest header label kept; a longer one is cut to it, as nobody reads or types more. */
    static final int MAX_LABEL_LENGTH = 1_000;

    /**
     * The most columns a file may have: each column costs the load and the profile time of its own (a file wider than
     * 1,000 columns is stored in tables of 100 columns each), and a wider file takes minutes rather than being
     * explored.
     */
    static final int MAX_COLUMNS = 16_384;

    /** @throws QuarryException {@code CSV_TOO_MANY_COLUMNS} for more than {@value #MAX_COLUMNS} columns */
    static void checkColumnCount(int columns) {
        if (columns > MAX_COLUMNS) {
            throw new QuarryException(
                    EngineError.CSV_TOO_MANY_COLUMNS,
                    String.format(
                            Locale.ROOT,
                            "The file has %,d columns; Quarry reads at most %,d. Drop the columns you do not need, or"
                                    + " split the file, and upload it again.",
                            columns,
                            MAX_COLUMNS));
        }
    }

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{Nd}_]+");
    private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");

    private ColumnNamer() {}

    /** The label, cut to {@value #MAX_LABEL_LENGTH} characters (never inside a surrogate pair) when longer. */
    static String shortened(String label) {
        if (label.length() <= MAX_LABEL_LENGTH) {
            return label;
        }
        int end =
                Character.isHighSurrogate(label.charAt(MAX_LABEL_LENGTH - 1)) ? MAX_LABEL_LENGTH - 1 : MAX_LABEL_LENGTH;
        return label.substring(0, end);
    }

    static List<String> names(List<String> labels) {
        List<String> bases = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            String base = NOT_WORD.matcher(labels.get(i).strip()).replaceAll("_");
            base = EDGE_UNDERSCORES.matcher(base).replaceAll("");
            bases.add(base.isEmpty() ? "column_" + (i + 1) : base);
        }
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>(bases.size());
        for (String base : bases) {
            String name = base;
            for (int suffix = 2; taken.contains(name.toLowerCase(Locale.ROOT)); suffix++) {
                name = base + "_" + suffix;
            }
            taken.add(name.toLowerCase(Locale.ROOT));
            names.add(name);
        }
        return names;
    }
}
