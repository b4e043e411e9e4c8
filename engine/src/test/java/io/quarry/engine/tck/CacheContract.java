package io.quarry.engine.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.CacheStatistics;
import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.Filter;
import io.quarry.engine.FilterOp;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.SortKey;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The engine's caches: counted, used for a repeated view, and never serving a deleted dataset. */
abstract class CacheContract extends ReadContractPart {

    CacheContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @Test
    void listsItsCachesByName() {
        List<CacheStatistics> caches = engine().cacheStatistics();

        assertThat(caches).isNotEmpty();
        assertThat(caches)
                .extracting(CacheStatistics::name)
                .doesNotHaveDuplicates()
                .allMatch(name -> !name.isBlank());
        assertThat(caches).allSatisfy(cache -> {
            assertThat(cache.hits()).isNotNegative();
            assertThat(cache.misses()).isNotNegative();
            assertThat(cache.evictions()).isNotNegative();
            assertThat(cache.weightBytes()).isNotNegative();
        });
    }

    @Test
    void servesARepeatedViewFromACache() {
        Dataset dataset = generated();
        List<SortKey> sort = supports(Capability.SORTED_PAGES) ? List.of(SortKey.parse("price:desc")) : List.of();
        List<Filter> filters = List.of(Filter.of("n", FilterOp.GE, "0"));

        Page first = assertPage(dataset, 5, 20, sort, filters, "");
        long hitsBefore = hits();
        Page second = assertPage(dataset, 5, 20, sort, filters, "");

        assertThat(hits()).isGreaterThanOrEqualTo(hitsBefore + 1);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void neverServesADeletedDataset() {
        Dataset dataset = generated();
        PageRequest sorted = new PageRequest(
                dataset.id(), 0, 10, List.of(), List.of(Filter.of("flag", FilterOp.EQ, "true")), "pear");
        engine().readPage(sorted);
        engine().readPage(sorted);

        engine().deleteDataset(dataset.id());

        assertFails(() -> engine().requireDataset(dataset.id()), EngineError.DATASET_NOT_FOUND);
        assertFails(() -> engine().readPage(sorted), EngineError.DATASET_NOT_FOUND);
        assertFails(
                () -> engine().readPage(new PageRequest(dataset.id(), 0, 10, List.of())),
                EngineError.DATASET_NOT_FOUND);
    }

    @Test
    void keepsServingADatasetWhenAnotherWithTheSameRowsIsDeleted() {
        Dataset kept = generated();
        Dataset deleted = generated();
        List<Filter> filters = List.of(Filter.of("n", FilterOp.LT, "0"));
        Page before = assertPage(kept, 10, 20, List.of(), filters, "");
        assertPage(deleted, 10, 20, List.of(), filters, "");

        engine().deleteDataset(deleted.id());

        assertThat(assertPage(kept, 10, 20, List.of(), filters, "")).isEqualTo(before);
        assertFails(
                () -> engine().readPage(new PageRequest(deleted.id(), 10, 20, List.of(), filters, "")),
                EngineError.DATASET_NOT_FOUND);
    }

    private long hits() {
        return engine().cacheStatistics().stream()
                .mapToLong(CacheStatistics::hits)
                .sum();
    }
}
