package io.quarry.engine.tck;

import static io.quarry.engine.ColumnType.BIGINT;
import static io.quarry.engine.ColumnType.VARCHAR;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Character sets: BOMs, UTF-16, Windows-1252 files and UTF-8 files with a few bad lines. */
abstract class EncodingContract extends ContractPart {

    EncodingContract(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    @EachBufferSize
    void dropsTheUtf8ByteOrderMark(int buffer) {
        Dataset dataset = ingestResource("bom-utf8.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().encoding()).isEqualTo("UTF-8");
        assertThat(dataset.warnings()).isEmpty();
        assertThat(labels(dataset)).containsExactly("name", "city");
        assertThat(names(dataset)).containsExactly("name", "city");
        assertThat(rows(dataset)).containsExactly(row("Anna", "Zürich"), row("Bo", "Malmö"));
    }

    @EachBufferSize
    void readsUtf16LittleEndianWithByteOrderMark(int buffer) {
        Dataset dataset = ingestResource("utf16le-bom.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().encoding()).isEqualTo("UTF-16LE");
        assertThat(dataset.warnings()).isEmpty();
        assertThat(labels(dataset)).containsExactly("id", "word");
        assertThat(types(dataset)).containsExactly(BIGINT, VARCHAR);
        assertThat(rows(dataset)).containsExactly(row(1L, "naïve"), row(2L, "日本"));
    }

    @EachBufferSize
    void readsUtf16BigEndianWithByteOrderMark(int buffer) {
        Dataset dataset = ingestResource("utf16be-bom.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().encoding()).isEqualTo("UTF-16BE");
        assertThat(dataset.warnings()).isEmpty();
        assertThat(labels(dataset)).containsExactly("id", "word");
        assertThat(types(dataset)).containsExactly(BIGINT, VARCHAR);
        assertThat(rows(dataset)).containsExactly(row(1L, "naïve"), row(2L, "日本"));
    }

    @EachBufferSize
    void readsAFileThatIsNotUtf8AsWindows1252(int buffer) {
        Dataset dataset = ingestResource("latin1.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().encoding()).isEqualTo("windows-1252");
        assertThat(dataset.warnings()).containsExactly("The file is not valid UTF-8; it was read as Windows-1252.");
        assertThat(rows(dataset)).containsExactly(row("café", "€ 5"), row("naïve", "ok"));
    }

    @EachBufferSize
    void readsTheBadLinesOfAUtf8FileAsWindows1252(int buffer) {
        Dataset dataset =
                ingestResource("mixed-invalid-utf8.csv", buffer(buffer)).dataset();

        assertThat(dataset.dialect().encoding()).isEqualTo("UTF-8");
        assertThat(dataset.warnings())
                .containsExactly("2 lines were not valid UTF-8 and were read as Windows-1252 (the first is line 5).");
        assertThat(dataset.rowCount()).isEqualTo(7);
        assertThat(dataset.rejectedCount()).isZero();
        assertThat(rows(dataset))
                .containsExactly(
                        row(1L, "Zoë"),
                        row(2L, "Åsa"),
                        row(3L, "plain"),
                        row(4L, "José"),
                        row(5L, "Ünal"),
                        row(6L, "€uro"),
                        row(7L, "end"));
    }

    @Test
    void countsASingleBadUtf8LineInTheSingular() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("id,name\n1,Zoë\n2,b\n3,c\n4,Jos".getBytes(UTF_8));
        bytes.write(0xE9);
        bytes.writeBytes("\n5,e\n".getBytes(UTF_8));

        Dataset dataset = ingest(bytes.toByteArray()).dataset();

        assertThat(dataset.dialect().encoding()).isEqualTo("UTF-8");
        assertThat(dataset.warnings())
                .containsExactly("1 line was not valid UTF-8 and was read as Windows-1252 (the first is line 5).");
        assertThat(rows(dataset))
                .containsExactly(row(1L, "Zoë"), row(2L, "b"), row(3L, "c"), row(4L, "José"), row(5L, "e"));
    }

    @EachBufferSize
    void refusesBinaryData(int buffer) {
        QuarryException failure = failure(() -> ingestResource("binary.csv", buffer(buffer)));

        assertThat(failure.code()).isEqualTo(EngineError.CSV_NOT_TEXT);
        assertThat(failure.getMessage()).startsWith("The file is a PNG image, not a CSV text file.");
        assertThat(engine().listDatasets()).isEmpty();
    }

    @Test
    void refusesTextWithNulBytesAsBinary() {
        QuarryException failure = failure(() -> ingest(new byte[] {'a', ',', 'b', '\n', '1', 0, '2', '\n'}));

        assertThat(failure.code()).isEqualTo(EngineError.CSV_NOT_TEXT);
        assertThat(failure.getMessage())
                .isEqualTo("The file is not a text file (it has binary data near byte 5). Upload the data as CSV.");
    }

    @Test
    void namesCommonBinaryFilesUploadedByMistake() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, '\r', 'I', 'H', 'D', 'R'};
        byte[] xlsx = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThat(failure(() -> ingest(png)).getMessage())
                .isEqualTo("The file is a PNG image, not a CSV text file. Upload the data as CSV"
                        + " (a spreadsheet can be saved as CSV).");
        assertThat(failure(() -> ingest(xlsx)).getMessage()).startsWith("The file is a ZIP archive");
        QuarryException program = failure(() -> ingest(elf));
        assertThat(program.code()).isEqualTo(EngineError.CSV_NOT_TEXT);
        assertThat(program.getMessage()).startsWith("The file is a program (ELF), not a CSV text file.");
        assertThat(engine().listDatasets()).isEmpty();
    }
}
