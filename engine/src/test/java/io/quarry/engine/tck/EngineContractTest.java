package io.quarry.engine.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Engine;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Engine} must do. An engine's test extends this class, creates the engine and lists its
 * {@link Capability} values; nothing else. The quirk files are in {@code src/test/resources/csv/}, one per quirk.
 */
public abstract class EngineContractTest {

    @TempDir
    private Path root;

    private EngineFixture fixture;

    /** Opens the engine under test on {@code dataDir}, which exists and may hold data from an earlier engine. */
    protected abstract Engine createEngine(Path dataDir);

    /** The capabilities the engine declares; the contract checks each one, and the absence of the others. */
    protected abstract Set<Capability> expectedCapabilities();

    @BeforeEach
    protected void openEngine() {
        fixture = new EngineFixture(root, this::createEngine);
    }

    @AfterEach
    protected void closeEngine() {
        if (fixture != null) {
            fixture.close();
        }
    }

    EngineFixture fixture() {
        return fixture;
    }

    @Test
    protected void declaresItsCapabilities() {
        assertThat(fixture.engine().capabilities()).isEqualTo(expectedCapabilities());
    }

    @Nested
    class Dialects extends DialectContract {
        Dialects() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Encodings extends EncodingContract {
        Encodings() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Types extends TypeContract {
        Types() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Columns extends ColumnContract {
        Columns() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Wide extends WideContract {
        Wide() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Rejects extends RejectContract {
        Rejects() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Storage extends StorageContract {
        Storage() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Pages extends PageContract {
        Pages() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Filters extends FilterContract {
        Filters() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class FilterErrors extends FilterErrorContract {
        FilterErrors() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class HostileValues extends HostileValueContract {
        HostileValues() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Searches extends SearchContract {
        Searches() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Concurrency extends ConcurrencyContract {
        Concurrency() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Caches extends CacheContract {
        Caches() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Previews extends PreviewContract {
        Previews() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class ChartQueryFilters extends ChartQueryFilterContract {
        ChartQueryFilters() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class ChartQueryViews extends ChartQueryViewContract {
        ChartQueryViews() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class ChartQueryTransforms extends ChartQueryTransformContract {
        ChartQueryTransforms() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class ChartQueryHostilePayloads extends ChartQueryHostileContract {
        ChartQueryHostilePayloads() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class ChartQueryExpressions extends ChartQueryExpressionContract {
        ChartQueryExpressions() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class ChartQueryHostileExpressions extends ChartQueryHostileExpressionContract {
        ChartQueryHostileExpressions() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class ChartQueryExamples extends ChartQueryExampleContract {
        ChartQueryExamples() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }

    @Nested
    class Profiles extends ProfileContract {
        Profiles() {
            super(EngineContractTest.this::fixture, EngineContractTest.this::expectedCapabilities);
        }
    }
}
