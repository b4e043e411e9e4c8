package io.quarry.server.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every code of {@link DatasetError} has a heading in docs/errors.md. */
class DatasetErrorDocsTest {

    @Test
    void everyDatasetErrorHasAHeadingInErrorsDoc() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("docs/errors.md"))) {
            dir = dir.getParent();
        }
        Set<String> headings = Files.readAllLines(dir.resolve("docs/errors.md")).stream()
                .filter(line -> line.startsWith("## "))
                .map(line -> line.substring(3).strip())
                .collect(Collectors.toSet());

        assertThat(headings)
                .containsAll(
                        Arrays.stream(DatasetError.values()).map(Enum::name).toList());
    }
}
