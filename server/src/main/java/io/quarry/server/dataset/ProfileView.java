package io.quarry.server.dataset;

import io.quarry.engine.ColumnProfile;
import io.quarry.engine.DatasetProfile;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of {@code GET /api/datasets/{id}/profile}: per column its counts, bounds, mean and deviation, top values
 * and histogram. Values as in rows: numbers, strings, dates and timestamps in ISO form; absent ones are null.
 */
record ProfileView(long rowCount, List<ColumnView> columns) {

    record ColumnView(
            String name,
            String type,
            long nullCount,
            long distinctCount,
            boolean distinctApproximate,
            @Nullable Object min,
            @Nullable Object max,
            @Nullable Double mean,
            @Nullable Double stddev,
            List<TopValueView> topValues,
            List<BinView> histogram) {}

    record TopValueView(String value, long count) {}

    record BinView(Object lo, Object hi, long count) {}

    static ProfileView of(DatasetProfile profile) {
        return new ProfileView(
                profile.rowCount(),
                profile.columns().stream().map(ProfileView::column).toList());
    }

    private static ColumnView column(ColumnProfile c) {
        return new ColumnView(
                c.name(),
                c.type().toString(),
                c.nullCount(),
                c.distinctCount(),
                c.distinctApproximate(),
                c.min().map(DatasetViews::json).orElse(null),
                c.max().map(DatasetViews::json).orElse(null),
                c.mean().orElse(null),
                c.stddev().orElse(null),
                c.topValues().stream()
                        .map(t -> new TopValueView(t.value(), t.count()))
                        .toList(),
                c.histogram().stream()
                        .map(b -> new BinView(json(b.lo()), json(b.hi()), b.count()))
                        .toList());
    }

    private static Object json(Object value) {
        Object converted = DatasetViews.json(value);
        return converted == null ? value : converted;
    }
}
