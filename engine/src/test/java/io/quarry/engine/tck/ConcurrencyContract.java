package io.quarry.engine.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestRequest;
import io.quarry.engine.IngestResult;
import io.quarry.engine.Row;
import io.quarry.engine.SortKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Many readers at once, while another dataset is being ingested, all get exactly the rows they asked for. */
abstract class ConcurrencyContract extends ReadContractPart {

    private static final int THREADS = 8;
    private static final int READS_PER_THREAD = 25;
    private static final int INGESTED_ROWS = 100_000;

    ConcurrencyContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @Test
    void answersMixedPagesFromManyThreadsWhileIngesting() throws Exception {
        Dataset dataset = generated();
        Path other = writeSource(
                "read-other.csv",
                ReadData.generate(SEED + 1, INGESTED_ROWS).csv().getBytes(UTF_8));
        boolean sorted = supports(Capability.SORTED_PAGES);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<IngestResult> ingest = threads.submit(() -> {
                start.await();
                return engine().ingest(IngestRequest.of(other, "other"), IngestListener.NONE);
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = SEED + 100 + t;
                readers.add(threads.submit(() -> {
                    start.await();
                    return readMixedPages(dataset, new Random(seed), sorted);
                }));
            }
            start.countDown();

            for (Future<Integer> reader : readers) {
                assertThat(reader.get(2, TimeUnit.MINUTES)).isEqualTo(READS_PER_THREAD);
            }
            assertThat(ingest.get(2, TimeUnit.MINUTES).dataset().rowCount()).isEqualTo(INGESTED_ROWS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(allRows(dataset.id())).extracting(Row::values).isEqualTo(DATA.rows());
    }

    /** Reads plain, sorted and filtered pages, checking each against the Java expectation; returns the count. */
    private int readMixedPages(Dataset dataset, Random random, boolean sorted) {
        int done = 0;
        for (int i = 0; i < READS_PER_THREAD; i++) {
            long offset = random.nextInt(ROW_COUNT + 10);
            int limit = 1 + random.nextInt(40);
            switch (random.nextInt(sorted ? 4 : 2)) {
                case 0 -> assertPage(dataset, offset, limit, List.of(), List.of(), "");
                case 1 -> assertPage(dataset, offset % 60, limit, List.of(), filters(random), "");
                case 2 -> assertPage(dataset, offset, limit, List.of(sortKey(random)), List.of(), "");
                default -> assertPage(dataset, offset % 60, limit, List.of(sortKey(random)), filters(random), "a");
            }
            done++;
        }
        return done;
    }

    private static SortKey sortKey(Random random) {
        return new SortKey(ReadData.COLUMNS.get(random.nextInt(ReadData.COLUMNS.size())), random.nextBoolean());
    }

    private static List<Filter> filters(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> List.of(Filter.of("n", FilterOp.GT, String.valueOf(random.nextInt(40) - 20)));
            case 1 -> List.of(Filter.of("flag", FilterOp.EQ, "true"), Filter.of("price", FilterOp.IS_NOT_NULL));
            case 2 -> List.of(Filter.of("name", FilterOp.CONTAINS, "a"));
            default -> List.of(Filter.of("day", FilterOp.BETWEEN, "2024-01-10", "2024-02-10"));
        };
    }
}
