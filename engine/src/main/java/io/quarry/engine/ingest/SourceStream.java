package io.quarry.engine.ingest;

import com.github.luben.zstd.ZstdInputStream;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.input.ReaderInputStream;

/**
 * Opens a source file as a stream of UTF-8 (or legacy single-byte) text: decompresses gzip and zstd (recognised by
 * their magic bytes), drops a byte order mark and transcodes UTF-16 to UTF-8.
 */
final class SourceStream implements Closeable {

    private static final int BUFFER = 1 << 16;

    private final BoundedInputStream raw;
    private final InputStream text;
    private final String encoding;
    private final long size;

    private SourceStream(BoundedInputStream raw, InputStream text, String encoding, long size) {
        this.raw = raw;
        this.text = text;
        this.encoding = encoding;
        this.size = size;
    }

    static SourceStream open(Path path) throws IOException {
        return open(path, Long.MAX_VALUE);
    }

    /**
     * @param maxDecompressed the most bytes a compressed file may expand to; reading past them throws
     *     {@code CSV_DECOMPRESSED_TOO_LARGE}
     */
    static SourceStream open(Path path, long maxDecompressed) throws IOException {
        long size;
        InputStream file;
        try {
            size = Files.size(path);
            file = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new QuarryException(
                    EngineError.SOURCE_NOT_FOUND,
                    "The file " + path.getFileName() + " does not exist or cannot be read.");
        }
        BoundedInputStream raw =
                BoundedInputStream.builder().setInputStream(file).get();
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
        InputStream decompressed = decompress(buffered, maxDecompressed);
        BufferedInputStream content = new BufferedInputStream(decompressed, BUFFER);
        content.mark(4);
        int b0 = content.read();
        int b1 = content.read();
        int b2 = content.read();
        content.reset();
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            content.skipNBytes(3);
            return new SourceStream(raw, content, "UTF-8", size);
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            content.skipNBytes(2);
            return new SourceStream(raw, utf16(content, StandardCharsets.UTF_16LE), "UTF-16LE", size);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            content.skipNBytes(2);
            return new SourceStream(raw, utf16(content, StandardCharsets.UTF_16BE), "UTF-16BE", size);
        }
        return new SourceStream(raw, content, "UTF-8", size);
    }

    private static InputStream decompress(BufferedInputStream in, long maxDecompressed) throws IOException {
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        in.reset();
        if (b0 == 0x1F && b1 == 0x8B) {
            return bounded(new GZIPInputStream(in, BUFFER), maxDecompressed);
        }
        if (b0 == 0x28 && b1 == 0xB5 && b2 == 0x2F && b3 == 0xFD) {
            return bounded(new ZstdInputStream(in), maxDecompressed);
        }
        return in;
    }

    /** Lets one byte past the limit through, so a file of exactly the limit passes, then throws. */
    private static InputStream bounded(InputStream decompressed, long maxDecompressed) throws IOException {
        if (maxDecompressed == Long.MAX_VALUE) {
            return decompressed;
        }
        return BoundedInputStream.builder()
                .setInputStream(decompressed)
                .setMaxCount(maxDecompressed + 1)
                .setOnMaxCount((max, count) -> {
                    throw new QuarryException(
                            EngineError.CSV_DECOMPRESSED_TOO_LARGE,
                            String.format(
                                            Locale.ROOT,
                                            "The compressed file expands to more than %,d bytes, the most this server accepts;"
                                                    + " nothing was stored.",
                                            maxDecompressed)
                                    + " Upload a smaller file, or ask the administrator to raise the limit.");
                })
                .get();
    }

    private static InputStream utf16(InputStream in, Charset charset) throws IOException {
        InputStreamReader reader = new InputStreamReader(
                in,
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        return ReaderInputStream.builder()
                .setReader(reader)
                .setCharset(StandardCharsets.UTF_8)
                .setBufferSize(BUFFER)
                .get();
    }

    /** The decoded text: UTF-8, or legacy bytes that the reader checks record by record. */
    InputStream text() {
        return text;
    }

    /** The encoding named by a byte order mark, or UTF-8 when there is none. */
    String encoding() {
        return encoding;
    }

    /** Bytes of the file read so far (compressed bytes for a compressed file). */
    long bytesRead() {
        return raw.getCount();
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
