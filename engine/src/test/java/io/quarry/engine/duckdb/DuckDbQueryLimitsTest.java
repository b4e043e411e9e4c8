package io.quarry.engine.duckdb;

import static io.quarry.engine.query.Aggregation.COUNT;
import static io.quarry.engine.query.Aggregation.DISTINCT_COUNT;
import static io.quarry.engine.query.Aggregation.SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.ErrorKind;
import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestOptions;
import io.quarry.engine.IngestRequest;
import io.quarry.engine.PageRequest;
import io.quarry.engine.QuarryException;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.ViewStep;
import io.quarry.engine.query.ViewStep.Aggregate;
import io.quarry.engine.query.ViewStep.Measure;
import io.quarry.engine.query.Workflow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runaway chart query (grouping or counting distinct values of a unique column) meets a deliberately small memory
 * bound: it is stopped with {@code QUERY_MEMORY_LIMIT}, names the limits, and the engine keeps answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbQueryLimitsTest {

    private static final int ROWS = 300_000;
    private static final String MESSAGE_START = "The chart query needed more memory than the server allows"
            + " (quarry.engine.memory-limit 64MB, of which one query holds up to 4MB before spilling to disk, and at"
            + " most 8MB spilled, quarry.engine.temp-limit) and was stopped.";

    @TempDir
    static Path work;

    private DuckDbEngine engine;
    private Dataset dataset;

    @BeforeAll
    void ingest() throws IOException {
        Path csv = work.resolve("unique.csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("id,u,category,v\n");
            for (int i = 0; i < ROWS; i++) {
                out.write(i + ",user-" + i + "-with-a-long-unique-name-" + (i * 7919L % 1_000_003) + ",c" + (i % 5)
                        + "," + (i % 10) + "\n");
            }
        }
        Path dataDir = Files.createDirectories(work.resolve("data"));
        // ingested with the default limits (its profile groups the unique column too), then queried with small ones
        try (DuckDbEngine roomy = DuckDbEngine.open(dataDir)) {
            dataset = roomy.ingest(new IngestRequest(csv, "unique", IngestOptions.defaults()), IngestListener.NONE)
                    .dataset();
        }
        DuckDbSettings settings =
                new DuckDbSettings("64MB", 2).withQueryMemoryLimit("4MB").withTempLimit("8MB");
        engine = DuckDbEngine.open(dataDir, settings);
    }

    @AfterAll
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void stopsAGroupByOnAUniqueColumn() {
        QuarryException failure =
                failure(Workflow.of(ViewStep.of(new Aggregate(List.of("u"), List.of(new Measure("v", SUM, "v_sum"))))));

        assertThat(failure.code()).isEqualTo(EngineError.QUERY_MEMORY_LIMIT);
        assertThat(failure.code().kind()).isEqualTo(ErrorKind.LIMIT_EXCEEDED);
        assertThat(failure.getMessage())
                .startsWith(MESSAGE_START)
                .endsWith("Group by fewer or coarser fields, or add a filter; an admin can raise the limits.");
        assertKeepsAnswering();
    }

    @Test
    void stopsADistinctCountOfAUniqueColumn() {
        QuarryException failure = failure(Workflow.of(
                ViewStep.of(new Aggregate(List.of("category"), List.of(new Measure("u", DISTINCT_COUNT, "users"))))));

        assertThat(failure.code()).isEqualTo(EngineError.QUERY_MEMORY_LIMIT);
        assertThat(failure.getMessage()).startsWith(MESSAGE_START);
        assertKeepsAnswering();
    }

    private QuarryException failure(Workflow workflow) {
        return Objects.requireNonNull(catchThrowableOfType(
                QuarryException.class, () -> engine.query(dataset.id(), workflow, QueryLimits.defaults())));
    }

    private void assertKeepsAnswering() {
        List<Map<String, Object>> counts = engine
                .query(
                        dataset.id(),
                        Workflow.of(
                                ViewStep.of(new Aggregate(List.of("category"), List.of(new Measure("*", COUNT, "n"))))),
                        QueryLimits.defaults())
                .rows()
                .stream()
                .map(row -> (Map<String, Object>) Map.<String, Object>copyOf(row))
                .toList();
        assertThat(counts).hasSize(5).allSatisfy(row -> assertThat(row.get("n")).isEqualTo((long) ROWS / 5));
        assertThat(engine.readPage(new PageRequest(dataset.id(), ROWS - 10, 10, List.of()))
                        .rows())
                .hasSize(10);
    }
}
