package io.quarry.engine.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Column;
import io.quarry.engine.ColumnType;
import io.quarry.engine.Preview;
import io.quarry.engine.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A preview reads the part of an upload that has arrived, stores nothing, and never fails on a cut-off end. */
abstract class PreviewContract extends ContractPart {

    private static final String CSV = "id,city,price\n1,Oslo,10.50\n2,\"Bergen, West\",\n3,Bodo,7.25\n";

    PreviewContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @Test
    void showsTheColumnsAndFirstRowsOfAWholeFile() {
        Preview preview = engine().preview(source(CSV), 2).orElseThrow();

        assertThat(preview.columns()).extracting(Column::name).containsExactly("id", "city", "price");
        assertThat(preview.columns())
                .extracting(Column::type)
                .containsExactly(ColumnType.BIGINT, ColumnType.VARCHAR, ColumnType.decimal(4, 2));
        assertThat(preview.rows()).extracting(Row::position).containsExactly(1L, 2L);
        assertThat(preview.rows().get(1).values()).containsExactly(2L, "Bergen, West", null);
        assertThat(engine().listDatasets()).isEmpty();
        assertThat(stagingDirectories()).isEmpty();
    }

    @Test
    void leavesOutALineThatHasNotFullyArrived() {
        byte[] whole = CSV.getBytes(StandardCharsets.UTF_8);
        byte[] part = Arrays.copyOf(whole, CSV.indexOf("3,Bodo") + 3);

        Preview preview =
                engine().preview(writeSource("arriving.csv", part), 100).orElseThrow();

        assertThat(preview.rows()).extracting(Row::position).containsExactly(1L, 2L);
    }

    @Test
    void readsTheArrivedPartOfACompressedUpload() {
        StringBuilder text = new StringBuilder("n,word\n");
        for (int i = 1; i <= 20_000; i++) {
            text.append(i).append(",w").append(i % 97).append('\n');
        }
        Path gzip = CsvFiles.gzip(source(text.toString()), fixture().newSourcePath("big.csv.gz"));
        byte[] compressed = bytes(gzip);
        Path half = writeSource("half.csv.gz", Arrays.copyOf(compressed, compressed.length / 2));

        Preview preview = engine().preview(half, 1000).orElseThrow();

        assertThat(preview.rows()).hasSize(1000);
        assertThat(preview.rows().get(999).values()).containsExactly(1000L, "w" + (1000 % 97));
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void isEmptyWhenNoRowHasArrived() {
        assertThat(engine().preview(writeSource("empty.csv", new byte[0]), 10)).isEqualTo(Optional.empty());
        assertThat(engine().preview(source("id,city"), 10)).isEqualTo(Optional.empty());
    }

    @Test
    void givesAtMostTheRowsAskedFor() {
        assertThat(engine().preview(source(CSV), 1).orElseThrow().rows()).hasSize(1);
    }
}
