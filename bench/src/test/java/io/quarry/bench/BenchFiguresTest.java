package io.quarry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchFiguresTest {

    @Test
    void measurementSurvivesItsJsonLine() {
        var measurement = new Measurement(1.2345, 952_381, 3, 321.5, 0.25);

        assertThat(measurement.toJson())
                .isEqualTo(
                        "{\"seconds\":1.2345,\"rows\":952381,\"rejected\":3,\"peakRssMb\":321.5,\"profileSeconds\":0.2500}");
        assertThat(Measurement.parse(measurement.toJson())).isEqualTo(measurement);
    }

    @Test
    void rejectsOutputThatIsNoMeasurement() {
        assertThatThrownBy(() -> Measurement.parse("{\"seconds\":1.0}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a measurement: {\"seconds\":1.0}");
    }

    @Test
    void takesTheMedianOfOddAndEvenCounts() {
        assertThat(Stats.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Stats(2.0, 1.0, 3.0));
        assertThat(Stats.of(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(new Stats(2.5, 1.0, 4.0));
    }

    @Test
    void readsTheCommandLineWithDefaults() {
        BenchArgs args = BenchArgs.parse("--sizes", "2MB, 1GB", "--runs", "1");

        assertThat(args.sizes()).containsExactly("2MB", "1GB");
        assertThat(args.runs()).isEqualTo(1);
        assertThat(args.dir()).isEqualTo(Path.of("bench", "data"));
        assertThat(args.memoryLimit()).isEqualTo("400MB");
        assertThat(args.threads()).isEqualTo(2);
    }

    @Test
    void refusesAnUnknownSize() {
        assertThatThrownBy(() -> BenchArgs.parse("--sizes", "lots"))
                .hasMessage("a size looks like 100MB or 1GB, not lots");
    }

    @Test
    void refusesAMemoryLimitDuckDbWouldNot() {
        assertThatThrownBy(() -> BenchArgs.parse("--memory-limit", "1XB"))
                .hasMessage("memoryLimit must look like 400MB, not 1XB");
    }

    @Test
    void readsPeakRssFromProc() {
        assertThat(PeakRss.megabytes()).isGreaterThan(1);
    }
}
