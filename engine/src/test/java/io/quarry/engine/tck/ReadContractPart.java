package io.quarry.engine.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.DataType;
import io.quarry.engine.Dataset;
import io.quarry.engine.Filter;
import io.quarry.engine.IngestOptions;
import io.quarry.engine.Page;
import io.quarry.engine.PageRequest;
import io.quarry.engine.Row;
import io.quarry.engine.SortKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** What the read contracts share: the generated data set, and a page read checked against the Java expectation. */
abstract class ReadContractPart extends ContractPart {

    static final long SEED = 20_241_126L;
    static final int ROW_COUNT = 300;

    /** The generated rows; every read test ingests them as a fresh dataset. */
    static final ReadData DATA = ReadData.generate(SEED, ROW_COUNT);

    ReadContractPart(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    /** Ingests {@link #DATA} and checks that the engine typed every column as the data was generated. */
    Dataset generated() {
        Dataset dataset = ingest(
                        writeSource("read-generated.csv", DATA.csv().getBytes(UTF_8)), IngestOptions.defaults())
                .dataset();
        assertThat(names(dataset)).isEqualTo(ReadData.COLUMNS);
        assertThat(types(dataset).stream().map(type -> type.type()))
                .containsExactly(
                        DataType.BIGINT,
                        DataType.BIGINT,
                        DataType.DECIMAL,
                        DataType.DOUBLE,
                        DataType.BOOLEAN,
                        DataType.DATE,
                        DataType.TIMESTAMP,
                        DataType.VARCHAR,
                        DataType.VARCHAR);
        assertThat(dataset.columns().get(ReadData.column("price")).type().scale())
                .isEqualTo(2);
        assertThat(dataset.rowCount()).isEqualTo(ROW_COUNT);
        return dataset;
    }

    Page read(Dataset dataset, long offset, int limit, List<SortKey> sort, List<Filter> filters, String search) {
        return engine().readPage(new PageRequest(dataset.id(), offset, limit, sort, filters, search));
    }

    /**
     * Reads a page and checks it against the rows computed in Java: positions, values, an exact total.
     *
     * @return the page read
     */
    Page assertPage(Dataset dataset, long offset, int limit, List<SortKey> sort, List<Filter> filters, String search) {
        Page page = read(dataset, offset, limit, sort, filters, search);
        List<Long> all = ReadExpectation.positions(DATA.rows(), filters, search, sort);
        List<Long> window = window(all, offset, limit);
        assertThat(page.total()).as("total").isEqualTo(all.size());
        assertThat(page.totalExact()).as("totalExact").isTrue();
        assertThat(page.offset()).isEqualTo(offset);
        assertThat(page.limit()).isEqualTo(limit);
        assertThat(page.columns()).isEqualTo(dataset.columns());
        assertThat(page.rows()).extracting(Row::position).as("positions").isEqualTo(window);
        assertThat(page.rows()).extracting(Row::values).as("values").isEqualTo(valuesAt(window));
        return page;
    }

    Page assertPage(Dataset dataset, List<Filter> filters, String search) {
        return assertPage(dataset, 0, PageRequest.MAX_LIMIT, List.of(), filters, search);
    }

    static List<Long> window(List<Long> positions, long offset, int limit) {
        int from = (int) Math.min(offset, positions.size());
        int to = (int) Math.min(offset + limit, positions.size());
        return positions.subList(from, to);
    }

    static List<List<Object>> valuesAt(List<Long> positions) {
        return positions.stream()
                .map(position -> DATA.rows().get((int) (position - 1)))
                .toList();
    }

    /** The {@code k}-th (0-based) distinct non-null value of a generated column, as a filter would spell it. */
    static String existing(String column, int k) {
        return DATA.rows().stream()
                .map(row -> row.get(ReadData.column(column)))
                .filter(value -> value != null)
                .distinct()
                .skip(k)
                .findFirst()
                .map(value -> value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString())
                .orElseThrow();
    }
}
