package io.quarry.engine;

import io.quarry.engine.query.Cancellation;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.QueryResult;
import io.quarry.engine.query.Workflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data engine. Plain data in and out: no JDBC or engine classes in its signatures, so the same contract can be
 * served embedded, over HTTP or on Spark. Every method is safe to call from many threads.
 */
public interface Engine extends AutoCloseable {

    Set<Capability> capabilities();

    /**
     * Reads a CSV file into a new dataset, published atomically when the whole file has been read.
     *
     * @throws QuarryException with a message for a person when the file cannot be ingested; nothing is published
     */
    IngestResult ingest(IngestRequest request, IngestListener listener);

    /**
     * Reads the first rows of a file that may still be arriving (an upload in progress), without storing anything.
     * Empty when too little of it is there to show a row.
     */
    Optional<Preview> preview(Path source, int maxRows);

    /** Every published dataset, newest first. */
    List<Dataset> listDatasets();

    Optional<Dataset> findDataset(String id);

    /** @throws QuarryException {@code DATASET_NOT_FOUND} */
    Dataset requireDataset(String id);

    Dataset renameDataset(String id, String name);

    /** Removes the dataset and its files. @throws QuarryException {@code DATASET_NOT_FOUND} */
    void deleteDataset(String id);

    Page readPage(PageRequest request);

    RejectPage readRejects(String id, long offset, int limit);

    /** Runs a chart workflow that no one cancels; see {@link #query(String, Workflow, QueryLimits, Cancellation)}. */
    default QueryResult query(String datasetId, Workflow workflow, QueryLimits limits) {
        return query(datasetId, workflow, limits, new Cancellation());
    }

    /**
     * Runs a chart workflow ({@link Capability#CHART_QUERIES}) on a dataset; see docs/charts.md for its semantics.
     * Once {@code cancellation} is cancelled the query is stopped within moments, and the engine stays usable.
     *
     * @throws QuarryException {@code DATASET_NOT_FOUND}; {@code QUERY_*} codes for a workflow that cannot be run or
     *     took longer than {@code limits.timeout()}; {@code QUERY_CANCELLED} when it was cancelled before it ended;
     *     {@code CAPABILITY_NOT_SUPPORTED} when the engine cannot
     */
    default QueryResult query(String datasetId, Workflow workflow, QueryLimits limits, Cancellation cancellation) {
        throw new QuarryException(EngineError.CAPABILITY_NOT_SUPPORTED, "This engine cannot answer chart queries.");
    }

    /**
     * The column profiles of a dataset ({@link Capability#PROFILES}): counts, bounds, top values and histograms,
     * computed once and kept with the dataset.
     *
     * @throws QuarryException {@code DATASET_NOT_FOUND}; {@code CAPABILITY_NOT_SUPPORTED} when the engine cannot
     */
    default DatasetProfile profile(String datasetId) {
        throw new QuarryException(EngineError.CAPABILITY_NOT_SUPPORTED, "This engine cannot profile datasets.");
    }

    /** Hit, miss and eviction counts of the engine's caches. */
    List<CacheStatistics> cacheStatistics();

    @Override
    void close();
}
