package io.quarry.engine;

import java.util.List;
import java.util.Objects;

/**
 * The profile of a dataset ({@link Engine#profile}): one {@link ColumnProfile} per column, in column order.
 *
 * @param datasetId the dataset it describes
 * @param rowCount rows of the dataset
 * @param columns in column order
 */
public record DatasetProfile(String datasetId, long rowCount, List<ColumnProfile> columns) {

    public DatasetProfile {
        Objects.requireNonNull(datasetId);
        columns = List.copyOf(columns);
    }
}
