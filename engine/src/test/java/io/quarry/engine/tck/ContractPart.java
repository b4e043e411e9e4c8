package io.quarry.engine.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarry.engine.Capability;
import io.quarry.engine.Column;
import io.quarry.engine.ColumnType;
import io.quarry.engine.Dataset;
import io.quarry.engine.Engine;
import io.quarry.engine.EngineError;
import io.quarry.engine.IngestListener;
import io.quarry.engine.IngestOptions;
import io.quarry.engine.IngestRequest;
import io.quarry.engine.IngestResult;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.QuarryException;
import io.quarry.engine.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What every part of the contract shares: the engine under test and short ways to ingest and read. */
abstract class ContractPart {

    static final String DATASET_NAME = "contract";

    private final Supplier<EngineFixture> fixture;
    private final Supplier<Set<Capability>> capabilities;

    ContractPart(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        this.fixture = fixture;
        this.capabilities = capabilities;
    }

    EngineFixture fixture() {
        return fixture.get();
    }

    Engine engine() {
        return fixture().engine();
    }

    boolean supports(Capability capability) {
        return capabilities.get().contains(capability);
    }

    /** Options with the given read buffer; {@code 0} means the defaults. */
    static IngestOptions buffer(int bytes) {
        return bytes == 0
                ? IngestOptions.defaults()
                : IngestOptions.builder().readBufferBytes(bytes).build();
    }

    Path writeSource(String fileName, byte[] bytes) {
        return CsvFiles.write(fixture().newSourcePath(fileName), bytes);
    }

    Path source(String text) {
        return writeSource("input.csv", text.getBytes(UTF_8));
    }

    /** Copies {@code src/test/resources/csv/<name>} to the source directory, keeping its file name. */
    Path resource(String name) {
        return writeSource(name, CsvFiles.resource(name));
    }

    IngestResult ingest(String text) {
        return ingest(text, IngestOptions.defaults());
    }

    IngestResult ingest(String text, IngestOptions options) {
        return ingest(source(text), options);
    }

    IngestResult ingest(byte[] bytes) {
        return ingest(writeSource("input.csv", bytes), IngestOptions.defaults());
    }

    IngestResult ingestResource(String name) {
        return ingestResource(name, IngestOptions.defaults());
    }

    IngestResult ingestResource(String name, IngestOptions options) {
        return ingest(resource(name), options);
    }

    IngestResult ingest(Path file, IngestOptions options) {
        return engine().ingest(new IngestRequest(file, DATASET_NAME, options), IngestListener.NONE);
    }

    /** Every row of the dataset in file order, as lists of values. */
    List<List<Object>> rows(Dataset dataset) {
        return allRows(dataset.id()).stream().map(Row::values).toList();
    }

    List<Row> allRows(String datasetId) {
        List<Row> rows = new ArrayList<>();
        while (true) {
            Page page = engine().readPage(new PageRequest(datasetId, rows.size(), PageRequest.MAX_LIMIT, List.of()));
            rows.addAll(page.rows());
            if (page.rows().isEmpty() || rows.size() >= page.total()) {
                return rows;
            }
        }
    }

    /** The single row at a 0-based offset. */
    List<Object> rowAt(Dataset dataset, long offset) {
        Page page = engine().readPage(new PageRequest(dataset.id(), offset, 1, List.of()));
        assertThat(page.rows()).hasSize(1);
        return page.rows().getFirst().values();
    }

    /** An expected row; unlike {@code List.of} it allows nulls. */
    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    static List<String> names(Dataset dataset) {
        return dataset.columns().stream().map(Column::name).toList();
    }

    static List<String> labels(Dataset dataset) {
        return dataset.columns().stream().map(Column::label).toList();
    }

    static List<ColumnType> types(Dataset dataset) {
        return dataset.columns().stream().map(Column::type).toList();
    }

    /** Runs {@code call}, which must fail with a {@link QuarryException}, and returns that exception. */
    static QuarryException failure(ThrowingCallable call) {
        QuarryException failure = catchThrowableOfType(QuarryException.class, call);
        assertThat(failure).as("a QuarryException").isNotNull();
        return failure;
    }

    static void assertFails(ThrowingCallable call, EngineError code, String message) {
        QuarryException failure = failure(call);
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.getMessage()).isEqualTo(message);
    }

    static void assertFails(ThrowingCallable call, EngineError code) {
        assertThat(failure(call).code()).isEqualTo(code);
    }

    /** The directories left under {@code <dataDir>/staging}; empty when there is no staging directory. */
    List<Path> stagingDirectories() {
        Path staging = fixture().dataDir().resolve("staging");
        if (!Files.isDirectory(staging)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(staging)) {
            return children.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every path under the data directory, relative to it. */
    List<String> dataFiles() {
        Path dataDir = fixture().dataDir();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            return paths.map(path -> dataDir.relativize(path).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
