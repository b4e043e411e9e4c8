package io.quarry.bench.gen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Synthetic city names built from syllables and prefixes, as {@code gen_csv.py} makes them. */
final class CityNames {

    static final int COUNT = 10_000;

    private static final String[] PREFIXES = {
        "North", "South", "East", "West", "New", "Old", "Port", "Lake", "Fort", "Mount", "", "", "", ""
    };
    private static final String[] SYLLABLES = {
        "ber", "ton", "ville", "ford", "ham", "wick", "dale", "mar", "ley", "ston", "bor", "lin", "ca", "ro", "sa",
        "ri", "va", "no", "ke", "mo", "den", "field"
    };

    private CityNames() {}

    /** {@code count} distinct names; duplicates get a number suffix like the script's. */
    static List<String> generate(RandomGenerator random, int count) {
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>(count);
        while (names.size() < count) {
            int syllables = 2 + random.nextInt(2);
            StringBuilder stem = new StringBuilder();
            for (int i = 0; i < syllables; i++) {
                stem.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            String name = stem.substring(0, 1).toUpperCase(Locale.ROOT) + stem.substring(1);
            String prefix = PREFIXES[random.nextInt(PREFIXES.length)];
            name = prefix.isEmpty() ? name : prefix + " " + name;
            if (seen.contains(name)) {
                name = name + " " + names.size() % 97;
            }
            if (seen.add(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Zipf-like weights: the city of rank r weighs 1 / r^0.8. */
    static double[] zipfWeights(int count) {
        double[] weights = new double[count];
        for (int rank = 1; rank <= count; rank++) {
            weights[rank - 1] = 1 / Math.pow(rank, 0.8);
        }
        return weights;
    }
}
