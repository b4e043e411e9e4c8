package io.quarry.server.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.ApiTestSupport;
import io.quarry.server.dataset.QuarryApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Withdrawing chart queries: a client names its query with {@code X-Quarry-Query-Id} and withdraws it with {@code
 * DELETE .../query/{queryId}}; the computation is cancelled in the engine once no request waits for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartCancelIT extends ApiTestSupport {

    /** Takes seconds on the generated rows: medians, distinct counts and a deviation over mostly one-row groups. */
    static final String SLOW = """
            {"workflow":[{"type":"transform","transform":[
               {"key":"b","expression":{"op":"bin","as":"b","params":[{"type":"field","value":"v"}],"num":1000}},
               {"key":"c","expression":{"op":"bin","as":"c","params":[{"type":"field","value":"id"}],"num":1000}}]},
             {"type":"view","query":[{"op":"aggregate","groupBy":["k","b","c"],"measures":[
               {"field":"v","agg":"median","asFieldKey":"m"},{"field":"id","agg":"median","asFieldKey":"n"},
               {"field":"k","agg":"distinctCount","asFieldKey":"dk"},{"field":"b","agg":"distinctCount","asFieldKey":"db"},
               {"field":"v","agg":"stdev","asFieldKey":"sv"}]}]},
             {"type":"sort","sort":"descending","by":["m","n","k","dk","sv"]}],"limit":3,"tag":"%s"}""";

    static final String COUNT = """
            {"workflow":[{"type":"view","query":[{"op":"aggregate","groupBy":[],
              "measures":[{"field":"*","agg":"count","asFieldKey":"n"}]}]}],"tag":"%s"}""";

    @Autowired
    ChartService charts;

    QuarryApi alice;
    String rows;
    final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    void upload() throws Exception {
        alice = user("cancel-alice");
        rows = alice.ingest(
                "cancel rows",
                IntStream.range(0, 600_000)
                        .mapToObj(i -> i + "," + (i * 7919 % 100_003) + ",k" + (i % 50_000))
                        .collect(Collectors.joining("\n", "id,v,k\n", "\n")));
    }

    @AfterAll
    void stopClients() {
        clients.shutdownNow();
    }

    Future<HttpResponse<String>> query(String body, String queryId) {
        return clients.submit(() -> alice.send(alice.request("/api/datasets/" + rows + "/query")
                .header("Content-Type", "application/json")
                .header("X-Quarry-Query-Id", queryId)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build()));
    }

    HttpResponse<String> withdraw(QuarryApi api, String dataset, String queryId) throws Exception {
        return api.delete("/api/datasets/" + dataset + "/query/" + queryId);
    }

    /** Alice withdraws her query {@code queryId} on her dataset: 204. */
    void withdrawn(String queryId) throws Exception {
        assertThat(withdraw(alice, rows, queryId).statusCode()).isEqualTo(204);
    }

    /** Sends Alice's chart query and waits until it is the one the engine computes. */
    Future<HttpResponse<String>> started(String payload, String queryId) throws Exception {
        Future<HttpResponse<String>> sent = query(payload, queryId);
        await(() -> charts.computing() == 1, "the query to start");
        return sent;
    }

    @Test
    void aWithdrawnQueryIsCancelledInTheEngineAndTheServerGoesOn() throws Exception {
        long cancelled = charts.cancelled();
        Future<HttpResponse<String>> slow = started(SLOW.formatted("alone"), "q-alone");
        Thread.sleep(200);

        long start = System.nanoTime();
        withdrawn("q-alone");
        await(() -> charts.computing() == 0, "the engine to stop the query");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        System.out.printf("withdrawn query stopped in the engine %d ms after the DELETE was sent%n", millis);
        assertThat(millis).isLessThan(1_000);
        assertThat(charts.cancelled() - cancelled).isEqualTo(1);
        assertWithdrawn(slow.get(5, TimeUnit.SECONDS));
        withdrawn("q-alone");
        assertCounts();
    }

    @Test
    void aComputationGoesOnForTheClientsStillWaitingAndStopsWhenTheLastLeaves() throws Exception {
        long cancelled = charts.cancelled();
        long computed = charts.computed();
        String payload = SLOW.formatted("shared");
        Future<HttpResponse<String>> first = started(payload, "q-first");
        Future<HttpResponse<String>> second = query(payload, "q-second");
        Future<HttpResponse<String>> third = query(payload, "q-third");
        Thread.sleep(300);

        withdrawn("q-first");
        assertWithdrawn(first.get(5, TimeUnit.SECONDS));
        assertThat(second.isDone()).isFalse();
        withdrawn("q-second");
        assertWithdrawn(second.get(5, TimeUnit.SECONDS));

        HttpResponse<String> answered = third.get(60, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(QuarryApi.JSON.readTree(answered.body()).size()).isEqualTo(3);
        assertThat(charts.computed() - computed).isEqualTo(1);
        assertThat(charts.cancelled() - cancelled).isZero();

        String again = SLOW.formatted("shared again");
        Future<HttpResponse<String>> fourth = started(again, "q-fourth");
        Future<HttpResponse<String>> fifth = query(again, "q-fifth");
        Thread.sleep(300);
        withdrawn("q-fourth");
        withdrawn("q-fifth");
        assertWithdrawn(fourth.get(5, TimeUnit.SECONDS));
        assertWithdrawn(fifth.get(5, TimeUnit.SECONDS));
        await(() -> charts.computing() == 0, "the engine to stop the query");
        assertThat(charts.cancelled() - cancelled).isEqualTo(1);
        assertThat(charts.computed() - computed).isEqualTo(2);
    }

    @Test
    void aClientArrivingAfterACancelGetsAFreshComputation() throws Exception {
        long cancelled = charts.cancelled();
        long computed = charts.computed();
        String payload = SLOW.formatted("late");
        Future<HttpResponse<String>> slow = started(payload, "q-late");
        withdrawn("q-late");
        assertWithdrawn(slow.get(5, TimeUnit.SECONDS));
        assertThat(charts.cancelled() - cancelled).isEqualTo(1);

        HttpResponse<String> later = query(payload, "q-later").get(60, TimeUnit.SECONDS);
        assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
        assertThat(QuarryApi.JSON.readTree(later.body()).size()).isEqualTo(3);
        assertThat(charts.computed() - computed).isEqualTo(2);
    }

    @Test
    void aWithdrawalThatOvertakesItsQueryStopsItOnArrival() throws Exception {
        long computed = charts.computed();
        withdrawn("q-early");

        assertWithdrawn(query(SLOW.formatted("early"), "q-early").get(5, TimeUnit.SECONDS));
        assertThat(charts.computed()).isEqualTo(computed);
    }

    @Test
    void onlyTheClientsOwnQueriesCanBeWithdrawn() throws Exception {
        QuarryApi mallory = user("cancel-mallory");
        String own = mallory.ingest("mallory's", "a\n1\n");

        HttpResponse<String> foreign = withdraw(mallory, rows, "q-any");
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
        assertThat(QuarryApi.JSON.readTree(foreign.body()).get("code").asString())
                .isEqualTo("DATASET_NOT_FOUND");
        HttpResponse<String> bad = withdraw(mallory, own, "not*an*id");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        JsonNode problem = QuarryApi.JSON.readTree(bad.body());
        assertThat(problem.get("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(problem.get("detail").asString())
                .isEqualTo("A chart query id (the X-Quarry-Query-Id header, or the last part of the path) must be 1 to"
                        + " 64 letters, digits, '-' or '_'.");
        // mallory withdrawing her own query id on her own dataset does not touch alice's query with that id
        long cancelled = charts.cancelled();
        Future<HttpResponse<String>> alices = query(COUNT.formatted("same id"), "q-same");
        assertThat(withdraw(mallory, own, "q-same").statusCode()).isEqualTo(204);
        assertThat(alices.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(charts.cancelled()).isEqualTo(cancelled);
    }

    void assertWithdrawn(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        JsonNode problem = QuarryApi.JSON.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo("QUERY_CANCELLED");
        assertThat(problem.get("detail").asString())
                .isEqualTo("This chart query was withdrawn by its client; nothing was sent.");
    }

    void assertCounts() throws Exception {
        HttpResponse<String> count = query(COUNT.formatted("after"), "q-after").get(60, TimeUnit.SECONDS);
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        assertThat(QuarryApi.JSON.readTree(count.body()).get(0).get("n").asLong())
                .isEqualTo(600_000L);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
