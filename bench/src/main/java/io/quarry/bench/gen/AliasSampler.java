package io.quarry.bench.gen;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/** Draws an index from a fixed discrete distribution in constant time (Vose's alias method). */
final class AliasSampler {

    private final double[] probability;
    private final int[] alias;

    private AliasSampler(double[] probability, int[] alias) {
        this.probability = probability;
        this.alias = alias;
    }

    /** @param weights non-negative weights, at least one positive; they need not sum to 1 */
    static AliasSampler of(double... weights) {
        int n = weights.length;
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double[] scaled = new double[n];
        Deque<Integer> small = new ArrayDeque<>();
        Deque<Integer> large = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / total;
            (scaled[i] < 1 ? small : large).push(i);
        }
        double[] probability = new double[n];
        int[] alias = new int[n];
        while (!small.isEmpty() && !large.isEmpty()) {
            int less = small.pop();
            int more = large.pop();
            probability[less] = scaled[less];
            alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1;
            (scaled[more] < 1 ? small : large).push(more);
        }
        while (!large.isEmpty()) {
            probability[large.pop()] = 1;
        }
        while (!small.isEmpty()) {
            probability[small.pop()] = 1;
        }
        return new AliasSampler(probability, alias);
    }

    int sample(RandomGenerator random) {
        int column = random.nextInt(probability.length);
        return random.nextDouble() < probability[column] ? column : alias[column];
    }
}
