package io.quarry.bench.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripCsvGeneratorTest {

    private static final List<String> HEADER = List.of(
            "id",
            "pickup_at",
            "ship_date",
            "category",
            "city",
            "note",
            "price",
            "distance_km",
            "is_member",
            "quantity",
            "lat",
            "lon",
            "rating",
            "payment");

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
        String first = sha256(write(20_000, 7, "a.csv"));
        String second = sha256(write(20_000, 7, "b.csv"));
        String other = sha256(write(20_000, 8, "c.csv"));

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void writesTheHeaderAndFourteenFieldsOnEveryLine() throws IOException {
        Path file = write(20_000, 7, "trips.csv");
        String text = Files.readString(file, StandardCharsets.US_ASCII);

        List<List<String>> records = CsvRecords.parse(text);

        assertThat(text).doesNotContain("\r");
        assertThat(records).hasSize(20_001);
        assertThat(records.get(0)).isEqualTo(HEADER);
        assertThat(records).allSatisfy(record -> assertThat(record).hasSize(14));
        assertThat(records.get(20_000).get(0)).isEqualTo("20000");
    }

    @Test
    void quotesOnlyTheNotesThatNeedItAndReadsThemBack() throws IOException {
        List<List<String>> rows = rows(write(20_000, 7, "trips.csv"));

        Set<String> notes = rows.stream().map(row -> row.get(5)).collect(Collectors.toSet());

        assertThat(notes)
                .hasSize(19)
                .contains("", "customer said \"thanks\", tipped well", "fragile, handle with care", "no contact");
        assertThat(Files.readString(dir.resolve("trips.csv")))
                .contains(",\"customer said \"\"thanks\"\", tipped well\",")
                .contains(",no contact,");
    }

    @Test
    void keepsEachColumnInItsFormatAndRange() throws IOException {
        List<List<String>> rows = rows(write(20_000, 7, "trips.csv"));

        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get(1)).matches("202[34]-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
            assertThat(row.get(2)).matches("202[345]-\\d\\d-\\d\\d");
            assertThat(row.get(6)).matches("|\\d+\\.\\d\\d");
            assertThat(row.get(7)).matches("|\\d+\\.\\d\\d");
            assertThat(row.get(8)).isIn("true", "false");
            assertThat(row.get(9)).matches("[1-9]");
            assertThat(row.get(10)).matches("\\d\\d\\.\\d{4}");
            assertThat(row.get(11)).matches("-\\d\\d\\.\\d{4}");
            assertThat(row.get(12)).matches("[1-5]");
            assertThat(row.get(13)).isIn("card", "cash", "wallet", "voucher", "invoice");
        });
        long emptyPrices = rows.stream().filter(row -> row.get(6).isEmpty()).count();
        long members = rows.stream().filter(row -> row.get(8).equals("true")).count();
        assertThat(emptyPrices).isBetween(200L, 600L);
        assertThat(members).isBetween(6_400L, 7_600L);
    }

    @Test
    void numbersIdsOnAcrossChunks() throws IOException {
        var out = new ByteArrayOutputStream();
        long bytes = TripCsvGenerator.write(TripCsvGenerator.CHUNK_ROWS + 5L, 1, out);

        String text = out.toString(StandardCharsets.US_ASCII);
        String[] lines = text.split("\n");

        assertThat(bytes).isEqualTo(out.size());
        assertThat(lines).hasSize(TripCsvGenerator.CHUNK_ROWS + 6);
        assertThat(lines[TripCsvGenerator.CHUNK_ROWS + 1]).startsWith("250001,");
        assertThat(lines[TripCsvGenerator.CHUNK_ROWS + 5]).startsWith("250005,");
    }

    @Test
    void sizesFilesAtAbout105BytesARow() {
        assertThat(TripCsvGenerator.rowsForMegabytes(100)).isEqualTo(952_381);
        assertThat(TripCsvGenerator.rowsForMegabytes(1_000)).isEqualTo(9_523_810);
        assertThat(ByteSizes.parse("1GB")).isEqualTo(1_000_000_000L);
        assertThat(ByteSizes.parse("2MB")).isEqualTo(2_000_000L);
    }

    private Path write(long rows, long seed, String name) throws IOException {
        Path file = dir.resolve(name);
        TripCsvGenerator.write(rows, seed, file);
        return file;
    }

    private static List<List<String>> rows(Path file) throws IOException {
        List<List<String>> records = CsvRecords.parse(Files.readString(file, StandardCharsets.US_ASCII));
        return records.subList(1, records.size());
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
