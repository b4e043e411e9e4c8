package io.quarry.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.dataset.ApiTestSupport;
import io.quarry.server.dataset.QuarryApi;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A ~200 MB upload goes to disk as it arrives: the heap does not grow with the file. For the 1 GB figure run it with
 * {@code -Dquarry.it.upload-bytes=1000000000} (and {@code -Dit.test=StreamedUploadIT}).
 */
class StreamedUploadIT extends ApiTestSupport {

    private static final long SIZE = Long.getLong("quarry.it.upload-bytes", 200L * 1000 * 1000);
    private static final long MB = 1024 * 1024;

    @Test
    void aBigUploadStreamsToDiskWithoutRaisingTheHeap() throws Exception {
        QuarryApi carol = user("carol");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        long start = System.nanoTime();
        HttpResponse<String> response = carol.send(carol.request("/api/datasets?name=big")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new CsvGenerator(SIZE)), SIZE))
                .build());
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join();
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = QuarryApi.JSON.readTree(response.body()).get("id").asString();
        System.out.printf(
                Locale.ROOT,
                "STREAMED UPLOAD: %d MB in %.2f s = %.1f MB/s; heap after GC %d MB before, %d MB after;"
                        + " live heap peak (after GC, sampled every 200 ms) %d MB (max heap %d MB)%n",
                SIZE / 1_000_000,
                seconds,
                SIZE / 1e6 / seconds,
                before / MB,
                after / MB,
                peak.get() / MB,
                memory.getHeapMemoryUsage().getMax() / MB);
        assertThat(after - before).as("heap growth after GC").isLessThan(32 * MB);
        assertThat(peak.get() - before).as("live heap peak above the start").isLessThan(64 * MB);

        long ingestStart = System.nanoTime();
        JsonNode detail = carol.awaitFinished(id);
        assertThat(detail.get("status").asString()).isEqualTo("ready");
        System.out.printf(
                Locale.ROOT,
                "STREAMED UPLOAD: ingest through the API %.2f s for %,d rows%n",
                (System.nanoTime() - ingestStart) / 1e9,
                detail.get("rowCount").asLong());
        assertThat(detail.get("sizeBytes").asLong()).isEqualTo(SIZE);
        assertThat(carol.delete("/api/datasets/" + id).statusCode()).isEqualTo(204);
    }
}
