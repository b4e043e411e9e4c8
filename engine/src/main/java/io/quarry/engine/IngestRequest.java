package io.quarry.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to ingest.
 *
 * @param source a file on disk: plain, gzip or zstd compressed (recognised by its first bytes)
 * @param name the dataset's name
 * @param options limits and knobs
 */
public record IngestRequest(Path source, String name, IngestOptions options) {

    public IngestRequest {
        Objects.requireNonNull(source);
        Objects.requireNonNull(name);
        Objects.requireNonNull(options);
    }

    public static IngestRequest of(Path source, String name) {
        return new IngestRequest(source, name, IngestOptions.defaults());
    }
}
