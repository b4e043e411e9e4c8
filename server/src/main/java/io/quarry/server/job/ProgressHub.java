package io.quarry.server.job;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The latest progress of every dataset in work, and the server-sent event streams that watch it. A stream sends the
 * current state at once, then whenever it changes and at least every {@value #HEARTBEAT_MS} ms, and ends after its
 * {@code done} or {@code failed} event.
 *
 * <p>A stream is written by the request's own thread (a virtual thread), not by an {@code SseEmitter}: an emitter
 * finishes with an async dispatch, which the security filter chain does not authenticate for API tokens.
 */
@Component
public final class ProgressHub implements SmartLifecycle {

    static final long TICK_MS = 100;
    static final long HEARTBEAT_MS = 400;

    private final Map<String, Progress> live = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private volatile boolean running;

    ProgressHub(ObjectMapper json) {
        this.json = json;
    }

    public void update(String datasetId, Progress progress) {
        live.put(datasetId, progress);
    }

    public void forget(String datasetId) {
        live.remove(datasetId);
    }

    /**
     * Streams a dataset's progress as {@code progress} events until it is done or failed, the client goes away or the
     * server stops.
     *
     * @param stored the state from the metadata store, for a dataset that no job is working on
     */
    public void stream(String datasetId, Supplier<Progress> stored, OutputStream out) throws IOException {
        Progress last = null;
        long lastSent = 0;
        while (running) {
            Progress current = live.get(datasetId);
            if (current == null) {
                current = stored.get();
            }
            long now = System.nanoTime();
            if (!current.equals(last) || now - lastSent >= TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MS)) {
                String event = "event:progress\ndata:" + json.writeValueAsString(current) + "\n\n";
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
                last = current;
                lastSent = now;
            }
            if (current.isFinished()) {
                return;
            }
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends open streams first, so that a graceful shutdown does not wait for them. */
    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
