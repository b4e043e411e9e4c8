package io.quarry.engine.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Splits a CSV of the canonical dialect (comma, RFC 4180 quotes, LF) by columns, in one pass: file {@code g} gets
 * columns {@code g * width} up to {@code (g + 1) * width}, header included, every field copied byte for byte. A
 * dataset too wide for one DuckDB table is loaded from these files, one table each.
 */
public final class CanonicalCsvSplitter {

    private static final int BUFFER = 1 << 16;

    private CanonicalCsvSplitter() {}

    /**
     * @param width the columns of each output; the last may have fewer
     * @param outputs one file per {@code width} columns, in order
     */
    public static void split(Path canonical, int width, List<Path> outputs) throws IOException {
        OutputStream[] outs = new OutputStream[outputs.size()];
        try (InputStream in = Files.newInputStream(canonical)) {
            for (int g = 0; g < outs.length; g++) {
                outs[g] = new BufferedOutputStream(Files.newOutputStream(outputs.get(g)), BUFFER);
            }
            copy(in, width, outs);
        } finally {
            close(outs);
        }
    }

    private static void copy(InputStream in, int width, OutputStream[] outs) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int field = 0;
        boolean quoted = false;
        int n;
        while ((n = in.read(buffer)) > 0) {
            int from = 0;
            for (int p = 0; p < n; p++) {
                byte b = buffer[p];
                if (b == '"') {
                    quoted = !quoted;
                } else if (!quoted && (b == ',' || b == '\n')) {
                    outs[field / width].write(buffer, from, p - from);
                    from = p + 1;
                    if (b == '\n') {
                        for (OutputStream out : outs) {
                            out.write('\n');
                        }
                        field = 0;
                    } else if (++field % width != 0) {
                        outs[field / width].write(',');
                    }
                }
            }
            outs[field / width].write(buffer, from, n - from);
        }
    }

    private static void close(OutputStream[] outs) throws IOException {
        IOException failure = null;
        for (OutputStream out : outs) {
            if (out == null) {
                continue;
            }
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
