package io.quarry.server.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a server's health a number of times back to back, to warm up both ends, then every 100 ms, and prints each of
 * these answers' time in ms, one a line (a failure as 10000), until its standard input closes. {@link ConcurrentUploadsIT} runs it in a JVM of its own, so that the pauses and busy threads
 * of the JVM that sends the uploads are not timed as the server's. The requests go out from the main thread on a
 * kept-alive connection, without a client's own threads in between.
 *
 * <p>Usage: {@code HealthPoller URL WARM_UP_CHECKS}
 */
public final class HealthPoller {

    private static final long EVERY_MS = 100;
    private static final long FAILED_MS = 10_000;

    private HealthPoller() {}

    public static void main(String[] args) throws Exception {
        URL health = URI.create(args[0]).toURL();
        for (int i = Integer.parseInt(args[1]); i > 0; i--) {
            if (check(health) != 200) {
                throw new IllegalStateException("the health check failed during the warm-up");
            }
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread.ofPlatform().daemon().start(() -> {
            try {
                System.in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the test went away: stop as when it closes the stream
            }
            running.set(false);
        });
        while (running.get()) {
            long start = System.nanoTime();
            long took;
            try {
                took = check(health) == 200 ? (System.nanoTime() - start) / 1_000_000 : FAILED_MS;
            } catch (IOException e) {
                took = FAILED_MS;
            }
            System.out.println(took);
            System.out.flush();
            Thread.sleep(Math.max(0, EVERY_MS - took));
        }
    }

    private static int check(URL health) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) health.openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout((int) FAILED_MS);
        int status = connection.getResponseCode();
        try (InputStream body = connection.getInputStream()) {
            body.readAllBytes();
        }
        return status;
    }
}
