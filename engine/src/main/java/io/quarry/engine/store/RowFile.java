package io.quarry.engine.store;

import io.quarry.engine.Column;
import io.quarry.engine.EngineError;
import io.quarry.engine.QuarryException;
import io.quarry.engine.Row;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads rows from a dataset's row store: {@code rows.csv} (canonical CSV: a header line, then one record per row)
 * and {@code rows.idx} (the byte offset of each row as a big-endian long, then the file's length). Safe for many
 * threads: every read is positional.
 */
public final class RowFile implements Closeable {

    private static final int LONGS_PER_MAP = 1 << 27;

    private final FileChannel rows;
    private final List<LongBuffer> offsets;
    private final long rowCount;
    private final List<Column> columns;

    private RowFile(FileChannel rows, List<LongBuffer> offsets, long rowCount, List<Column> columns) {
        this.rows = rows;
        this.offsets = offsets;
        this.rowCount = rowCount;
        this.columns = List.copyOf(columns);
    }

    public static RowFile open(Path rowsCsv, Path rowsIndex, List<Column> columns) {
        try (FileChannel index = FileChannel.open(rowsIndex, StandardOpenOption.READ)) {
            long entries = index.size() / Long.BYTES;
            List<LongBuffer> maps = new ArrayList<>();
            for (long first = 0; first < entries; first += LONGS_PER_MAP) {
                long count = Math.min(LONGS_PER_MAP, entries - first);
                maps.add(index.map(FileChannel.MapMode.READ_ONLY, first * Long.BYTES, count * Long.BYTES)
                        .asLongBuffer());
            }
            return new RowFile(FileChannel.open(rowsCsv, StandardOpenOption.READ), maps, entries - 1, columns);
        } catch (IOException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The dataset's rows could not be opened.", e);
        }
    }

    public long rowCount() {
        return rowCount;
    }

    /** Rows {@code first} (0-based) to {@code first + count}, cut at the end of the file. */
    public List<Row> readRange(long first, int count) {
        long end = Math.min(rowCount, first + count);
        if (first >= end) {
            return List.of();
        }
        long from = offset(first);
        byte[] bytes = read(from, offset(end) - from);
        List<Row> result = new ArrayList<>((int) (end - first));
        CanonicalRecordParser parser = new CanonicalRecordParser(bytes, columns);
        for (long row = first; row < end; row++) {
            result.add(parser.parse((int) (offset(row) - from), row + 1));
        }
        return result;
    }

    /** The rows at the given 0-based indexes, in that order. */
    public List<Row> readRows(int[] indexes, int from, int count) {
        List<Row> result = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            int row = indexes[i];
            long start = offset(row);
            byte[] bytes = read(start, offset(row + 1L) - start);
            result.add(new CanonicalRecordParser(bytes, columns).parse(0, row + 1L));
        }
        return result;
    }

    private long offset(long row) {
        return offsets.get((int) (row / LONGS_PER_MAP)).get((int) (row % LONGS_PER_MAP));
    }

    private byte[] read(long position, long length) {
        if (length > Integer.MAX_VALUE - 16) {
            throw new QuarryException(EngineError.INVALID_PAGE, "The page is too large to read at once.");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) length);
        try {
            while (buffer.hasRemaining()) {
                if (rows.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("unexpected end of the row store");
                }
            }
        } catch (IOException e) {
            throw new QuarryException(EngineError.STORAGE_FAILED, "The dataset's rows could not be read.", e);
        }
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
