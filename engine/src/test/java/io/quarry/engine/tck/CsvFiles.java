package io.quarry.engine.tck;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes the files the contract tests ingest: inline text or bytes, committed quirk files, compressed copies. */
final class CsvFiles {

    private CsvFiles() {}

    static Path write(Path target, byte[] bytes) {
        try {
            return Files.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of {@code src/test/resources/csv/<name>}. */
    static byte[] resource(String name) {
        try (InputStream in = CsvFiles.class.getResourceAsStream("/csv/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /csv/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path gzip(Path source, Path target) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path zstd(Path source, Path target) {
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
