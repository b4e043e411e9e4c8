package io.quarry.engine.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quarry.engine.Capability;
import io.quarry.engine.Dataset;
import io.quarry.engine.query.QueryLimits;
import io.quarry.engine.query.QueryResult;
import io.quarry.engine.query.Step;
import io.quarry.engine.query.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** What the chart query contracts share: a small hand-made dataset and short ways to run workflows on it. */
abstract class ChartQueryContractPart extends ContractPart {

    /** Five rows with a null in most columns; every expected row in the chart contracts is computed from these. */
    static final String PEOPLE = """
            name,city,price,qty,day,at,note,flag
            a,Oslo,10.5,1,2024-01-01,2024-01-01 10:00:00,late arrival,true
            b,Oslo,20,2,2024-01-02,2024-01-15 12:30:00,on time,false
            c,Rome,,3,2024-02-01,2024-02-10 00:00:00,LATE,true
            d,Rome,5,,,,,
            e,,30,5,2024-03-01,2024-03-31 23:59:59,very late,false
            """;

    ChartQueryContractPart(Supplier<EngineFixture> fixture, Supplier<Set<Capability>> capabilities) {
        super(fixture, capabilities);
    }

    Dataset people() {
        assumeThat(supports(Capability.CHART_QUERIES)).isTrue();
        return ingest(PEOPLE).dataset();
    }

    QueryResult query(Dataset dataset, Workflow workflow) {
        return query(dataset, workflow, QueryLimits.defaults());
    }

    QueryResult query(Dataset dataset, Workflow workflow, QueryLimits limits) {
        QueryResult result = engine().query(dataset.id(), workflow, limits);
        assertThat(result.capped()).as("capped").isFalse();
        return result;
    }

    List<Map<String, Object>> rows(Dataset dataset, Step... steps) {
        QueryResult result = query(dataset, Workflow.of(steps));
        assertThat(result.warnings()).isEmpty();
        return result.rows();
    }

    /** The given field of each row, in order. */
    List<Object> column(Dataset dataset, String fid, Step... steps) {
        return rows(dataset, steps).stream().map(row -> row.get(fid)).toList();
    }

    /** An expected row from alternating keys and values; values may be null. */
    static Map<String, Object> r(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
