package io.quarry.engine.duckdb;

import io.quarry.engine.Capability;
import io.quarry.engine.Engine;
import io.quarry.engine.tck.EngineContractTest;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

class DuckDbEngineContractTest extends EngineContractTest {

    @Override
    protected Engine createEngine(Path dataDir) {
        return DuckDbEngine.open(dataDir);
    }

    @Override
    protected Set<Capability> expectedCapabilities() {
        return EnumSet.allOf(Capability.class);
    }
}
