package io.quarry.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsColumnsAndRightAlignsNumbers() {
        StringWriter text = new StringWriter();
        new TextTable(List.of("#", "name", "n"), new boolean[] {true, false, true})
                .add(List.of("1", "Ann", "7"))
                .add(List.of("10", "Bartholomew", "12345"))
                .print(new PrintWriter(text));

        assertThat(text.toString().lines().toList())
                .containsExactly(" #  name             n", " 1  Ann              7", "10  Bartholomew  12345");
    }

    @Test
    void shortensLongCellsAndFlattensLineBreaks() {
        assertThat(TextTable.shorten("a\nb")).isEqualTo("a⏎b");
        assertThat(TextTable.shorten("x".repeat(50))).hasSize(40).endsWith("…");
    }
}
