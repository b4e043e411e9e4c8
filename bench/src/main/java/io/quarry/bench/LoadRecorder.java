package io.quarry.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What one user (or, merged, a whole run) saw: latencies per kind of request, 5xx answers and other failures. */
final class LoadRecorder {

    private final Map<LoadRequest, List<Double>> millis = new EnumMap<>(LoadRequest.class);
    private final List<String> failures = new ArrayList<>();
    private long serverErrors;
    private long otherErrors;

    LoadRecorder() {
        for (LoadRequest kind : LoadRequest.values()) {
            millis.put(kind, new ArrayList<>());
        }
    }

    void ok(LoadRequest kind, double ms) {
        millis.get(kind).add(ms);
    }

    /** An answer other than 200: a 5xx fails the bench; the first few of any kind are kept to print. */
    void failed(LoadRequest kind, String what, boolean serverError) {
        if (serverError) {
            serverErrors++;
        } else {
            otherErrors++;
        }
        if (failures.size() < 5) {
            failures.add(kind.label() + ": " + what);
        }
    }

    static LoadRecorder merge(List<LoadRecorder> parts) {
        LoadRecorder all = new LoadRecorder();
        for (LoadRecorder part : parts) {
            part.millis.forEach((kind, values) -> all.millis.get(kind).addAll(values));
            all.serverErrors += part.serverErrors;
            all.otherErrors += part.otherErrors;
            part.failures.stream().limit(5 - all.failures.size()).forEach(all.failures::add);
        }
        return all;
    }

    List<Double> millis(LoadRequest kind) {
        return millis.get(kind);
    }

    List<Double> allMillis() {
        return millis.values().stream().flatMap(List::stream).toList();
    }

    long requests() {
        return allMillis().size() + serverErrors + otherErrors;
    }

    long serverErrors() {
        return serverErrors;
    }

    long otherErrors() {
        return otherErrors;
    }

    List<String> failures() {
        return failures;
    }
}
