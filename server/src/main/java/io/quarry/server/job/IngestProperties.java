package io.quarry.server.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of ingest jobs.
 *
 * @param maxConcurrent ingests that run at once on the server; the others wait in status {@code queued}
 * @param maxConcurrentPerUser ingests that run at once for one user
 */
@ConfigurationProperties("quarry.ingest")
public record IngestProperties(
        @DefaultValue("2") int maxConcurrent,
        @DefaultValue("1") int maxConcurrentPerUser) {

    public IngestProperties {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("quarry.ingest.max-concurrent must be 1 or more, not " + maxConcurrent);
        }
        if (maxConcurrentPerUser < 1) {
            throw new IllegalArgumentException(
                    "quarry.ingest.max-concurrent-per-user must be 1 or more, not " + maxConcurrentPerUser);
        }
    }
}
