package io.quarry.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Dataset;
import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestRequest;
import io.quarry.engine.PageRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingests, profiles, reads and deletes on several threads of one engine at once: none of them may trip over another's
 * use of the shared database (this once failed a few ingests in a hundred with "connection has an open result").
 */
class DuckDbConcurrentIngestTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 12;

    @TempDir
    Path work;

    @Test
    void parallelIngestsReadsAndDeletesAllSucceed() throws Exception {
        StringBuilder csv = new StringBuilder("id,city,price,day\n");
        for (int i = 1; i <= 2000; i++) {
            csv.append(i)
                    .append(",City ")
                    .append(i % 17)
                    .append(',')
                    .append(i % 500)
                    .append(".50,2024-01-")
                    .append(String.format("%02d", i % 28 + 1))
                    .append('\n');
        }
        Path file = Files.writeString(work.resolve("rows.csv"), csv);
        try (DuckDbEngine engine = DuckDbEngine.open(work.resolve("data"), DuckDbSettings.defaults());
                ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    long rows = 0;
                    for (int round = 0; round < ROUNDS; round++) {
                        Dataset dataset = engine.ingest(
                                        IngestRequest.of(file, "t" + thread + "-" + round), IngestListener.NONE)
                                .dataset();
                        rows += engine.readPage(new PageRequest(dataset.id(), 0, 10, List.of()))
                                .total();
                        assertThat(engine.profile(dataset.id()).columns()).hasSize(4);
                        if (round % 2 == 0) {
                            engine.deleteDataset(dataset.id());
                        }
                    }
                    return rows;
                }));
            }
            for (Future<Long> result : results) {
                assertThat(result.get()).isEqualTo(2000L * ROUNDS);
            }
            assertThat(engine.listDatasets()).hasSize(THREADS * ROUNDS / 2);
        }
    }
}
