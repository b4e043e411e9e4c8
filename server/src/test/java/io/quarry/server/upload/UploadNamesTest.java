package io.quarry.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.DatasetNames;
import org.junit.jupiter.api.Test;

class UploadNamesTest {

    @Test
    void keepsTheLastPathSegmentOfEitherKindOfSlash() {
        assertThat(UploadNames.fromFilename("../../etc/passwd")).isEqualTo("passwd");
        assertThat(UploadNames.fromFilename("C:\\Users\\ann\\trips.csv")).isEqualTo("trips.csv");
        assertThat(UploadNames.fromFilename("a/b\\c")).isEqualTo("c");
    }

    @Test
    void dropsControlCharactersAndCutsLongNamesWithoutSplittingACharacter() {
        assertThat(UploadNames.fromFilename("nul\u0000in\ttab.csv")).isEqualTo("nulintab.csv");
        String cut = UploadNames.fromFilename("a" + "📊".repeat(300));
        assertThat(cut).hasSize(DatasetNames.MAX_LENGTH - 1).startsWith("a📊").endsWith("📊");
        assertThat(DatasetNames.check(cut)).isEqualTo(cut);
    }

    @Test
    void namesWhatIsLeftEmptyUntitled() {
        assertThat(UploadNames.fromFilename("")).isEqualTo("Untitled");
        assertThat(UploadNames.fromFilename("../")).isEqualTo("Untitled");
        assertThat(UploadNames.fromFilename("..")).isEqualTo("Untitled");
        assertThat(UploadNames.fromFilename(" \u0000 ")).isEqualTo("Untitled");
    }
}
