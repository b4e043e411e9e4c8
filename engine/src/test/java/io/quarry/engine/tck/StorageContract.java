package io.quarry.engine.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.IngestOptions;
import io.quarry.engine.IngestPhase;
import io.quarry.engine.IngestProgress;
import io.quarry.engine.IngestRequest;
import io.quarry.engine.IngestResult;
import io.quarry.engine.PageRequest;
import io.quarry.engine.QuarryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Compressed sources, atomic publishing, reopening, renaming, deleting, progress and cancelling. */
abstract class StorageContract extends ContractPart {

    StorageContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @Test
    void readsGzipAndZstdToTheSameRows() {
        assumeThat(supports(Capability.INGEST_COMPRESSED)).isTrue();
        Path plain = resource("quoted-newline.csv");
        Path gzip = CsvFiles.gzip(plain, fixture().newSourcePath("quoted-newline.csv.gz"));
        Path zstd = CsvFiles.zstd(plain, fixture().newSourcePath("quoted-newline.csv.zst"));

        IngestResult fromPlain = ingest(plain, IngestOptions.defaults());
        for (Path compressed : List.of(gzip, zstd)) {
            IngestResult result = ingest(compressed, IngestOptions.defaults());

            assertThat(result.dataset().columns()).isEqualTo(fromPlain.dataset().columns());
            assertThat(rows(result.dataset())).isEqualTo(rows(fromPlain.dataset()));
            assertThat(result.rejects()).isEqualTo(fromPlain.rejects());
            assertThat(result.sourceBytes()).isEqualTo(size(compressed));
            assertThat(result.dataset().sourceBytes()).isEqualTo(size(compressed));
        }
        assertThat(fromPlain.sourceBytes()).isEqualTo(size(plain));
    }

    @Test
    void stopsACompressedSourceThatExpandsPastTheLimitAndPublishesNothing() {
        assumeThat(supports(Capability.INGEST_COMPRESSED)).isTrue();
        Path plain = source("id,word\n" + "1,bomb\n".repeat(200_000));
        Path gzip = CsvFiles.gzip(plain, fixture().newSourcePath("bomb.csv.gz"));
        Path zstd = CsvFiles.zstd(plain, fixture().newSourcePath("bomb.csv.zst"));
        IngestOptions limited =
                IngestOptions.builder().maxDecompressedBytes(64 * 1024).build();

        for (Path compressed : List.of(gzip, zstd)) {
            assertThat(size(compressed)).isLessThan(size(plain) / 50);
            QuarryException failure = failure(() -> ingest(compressed, limited));

            assertThat(failure.code()).isEqualTo(EngineError.CSV_DECOMPRESSED_TOO_LARGE);
            assertThat(failure.getMessage()).startsWith("The compressed file expands to more than 65,536 bytes");
            assertThat(engine().listDatasets()).isEmpty();
            assertThat(stagingDirectories()).isEmpty();
        }
        IngestOptions exact =
                IngestOptions.builder().maxDecompressedBytes(size(plain)).build();
        assertThat(ingest(gzip, exact).dataset().rowCount()).isEqualTo(200_000);
    }

    @Test
    void refusesCompressedSourcesWithoutTheCapability() {
        assumeThat(supports(Capability.INGEST_COMPRESSED)).isFalse();
        Path plain = resource("pages.csv");
        Path gzip = CsvFiles.gzip(plain, fixture().newSourcePath("pages.csv.gz"));

        assertFails(() -> ingest(gzip, IngestOptions.defaults()), EngineError.CAPABILITY_NOT_SUPPORTED);
        assertThat(engine().listDatasets()).isEmpty();
    }

    @Test
    void publishesNothingAndLeavesNoStagingWhenAnIngestFails() {
        Dataset kept = ingestResource("pages.csv").dataset();
        List<Dataset> before = engine().listDatasets();

        assertFails(() -> ingest("a,b\n1,2,3\n4\n"), EngineError.CSV_NO_ROWS_LOADED);

        assertThat(engine().listDatasets()).isEqualTo(before);
        assertThat(engine().listDatasets()).extracting(Dataset::id).containsExactly(kept.id());
        assertThat(stagingDirectories()).isEmpty();
    }

    @Test
    void removesLeftoverStagingDirectoriesOnOpen() {
        Path leftover = fixture().dataDir().resolve("staging").resolve("crashed-ingest");
        fixture().reopen(() -> {
            try {
                Files.createDirectories(leftover);
                Files.writeString(leftover.resolve("part.tmp"), "half written");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(leftover).doesNotExist();
        assertThat(stagingDirectories()).isEmpty();
    }

    @Test
    void listsTheSameDatasetsWithTheSameRowsAfterReopening() {
        Dataset first = ingestResource("pages.csv").dataset();
        Dataset second = ingestResource("ragged-rows.csv").dataset();
        List<Dataset> before = engine().listDatasets();
        List<List<Object>> firstRows = rows(first);
        List<List<Object>> secondRows = rows(second);

        fixture().reopen();

        assertThat(before).extracting(Dataset::id).containsExactly(second.id(), first.id());
        List<Dataset> after = engine().listDatasets();
        assertThat(after)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("createdAt")
                .containsExactlyElementsOf(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(Duration.between(before.get(i).createdAt(), after.get(i).createdAt())
                            .abs())
                    .isLessThanOrEqualTo(Duration.ofMillis(1));
        }
        assertThat(rows(first)).isEqualTo(firstRows);
        assertThat(rows(second)).isEqualTo(secondRows);
        assertThat(engine().readRejects(second.id(), 0, 10).rejects()).hasSize(2);
    }

    @Test
    void givesEachDatasetAnUnguessableId() {
        Dataset first = ingestResource("pages.csv").dataset();
        Dataset second = ingestResource("pages.csv").dataset();

        assertThat(first.id()).isNotEqualTo(second.id()).matches("[a-z0-9]{10,}");
        assertThat(second.id()).matches("[a-z0-9]{10,}");
        assertThat(first.name()).isEqualTo(DATASET_NAME);
    }

    @Test
    void renamesADatasetDurably() {
        Dataset dataset = ingestResource("pages.csv").dataset();

        Dataset renamed = engine().renameDataset(dataset.id(), "Sales 2024");

        assertThat(renamed.name()).isEqualTo("Sales 2024");
        assertThat(renamed.id()).isEqualTo(dataset.id());
        assertThat(engine().requireDataset(dataset.id()).name()).isEqualTo("Sales 2024");
        fixture().reopen();
        assertThat(engine().requireDataset(dataset.id()).name()).isEqualTo("Sales 2024");
        assertThat(rows(renamed)).hasSize(8);
    }

    @Test
    void deletesADatasetAndItsFiles() {
        Dataset kept = ingestResource("pages.csv").dataset();
        Dataset deleted = ingestResource("pages.csv").dataset();

        engine().deleteDataset(deleted.id());

        assertThat(engine().findDataset(deleted.id())).isEmpty();
        assertFails(() -> engine().requireDataset(deleted.id()), EngineError.DATASET_NOT_FOUND);
        assertThat(engine().listDatasets()).extracting(Dataset::id).containsExactly(kept.id());
        assertThat(dataFiles()).noneMatch(path -> path.contains(deleted.id()));
        fixture().reopen();
        assertThat(engine().findDataset(deleted.id())).isEmpty();
        assertThat(rows(kept)).hasSize(8);
    }

    @Test
    void reportsAnUnknownDatasetAsNotFound() {
        String unknown = "zz0000000000unknown";

        assertThat(engine().findDataset(unknown)).isEmpty();
        assertFails(() -> engine().requireDataset(unknown), EngineError.DATASET_NOT_FOUND);
        assertFails(() -> engine().renameDataset(unknown, "x"), EngineError.DATASET_NOT_FOUND);
        assertFails(() -> engine().deleteDataset(unknown), EngineError.DATASET_NOT_FOUND);
        assertFails(() -> engine().readPage(new PageRequest(unknown, 0, 10, List.of())), EngineError.DATASET_NOT_FOUND);
        assertFails(() -> engine().readRejects(unknown, 0, 10), EngineError.DATASET_NOT_FOUND);
    }

    @Test
    void reportsProgressEndingWithOneDone() {
        RecordingListener listener = RecordingListener.recording();

        IngestResult result = engine().ingest(
                        new IngestRequest(resource("pages.csv"), DATASET_NAME, IngestOptions.defaults()), listener);

        List<IngestProgress> events = listener.events();
        assertThat(events).extracting(IngestProgress::phase).contains(IngestPhase.PARSE);
        assertThat(events.getLast().phase()).isEqualTo(IngestPhase.DONE);
        assertThat(events)
                .filteredOn(event -> event.phase() == IngestPhase.DONE)
                .hasSize(1);
        assertThat(events).extracting(IngestProgress::rows).isSorted();
        assertThat(result.dataset().rowCount()).isEqualTo(8);
    }

    @Test
    void stopsAndPublishesNothingWhenCancelled() {
        StringBuilder csv = new StringBuilder("n,text\n");
        for (int i = 1; i <= 50_000; i++) {
            csv.append(i).append(",row ").append(i).append('\n');
        }
        Path source = source(csv.toString());

        assertFails(
                () -> engine().ingest(
                                new IngestRequest(source, DATASET_NAME, IngestOptions.defaults()),
                                RecordingListener.cancelling()),
                EngineError.INGEST_CANCELLED);
        assertThat(engine().listDatasets()).isEmpty();
        assertThat(stagingDirectories()).isEmpty();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
