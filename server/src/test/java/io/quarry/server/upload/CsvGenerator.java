package io.quarry.server.upload;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** An endless-looking CSV made on the fly, so a big upload needs no big file or array in the test. */
final class CsvGenerator extends InputStream {

    private final long size;
    private long position;
    private long row;
    private byte[] pending = "id,city,price,day\n".getBytes(StandardCharsets.US_ASCII);
    private int pendingAt;

    CsvGenerator(long size) {
        this.size = size;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        int written = 0;
        while (written < length && position < size) {
            if (pendingAt == pending.length) {
                row++;
                pending = (row + ",city" + (row % 50) + "," + (row % 1000) + "." + (row % 100) + ",2024-01-"
                                + (10 + row % 20) + "\n")
                        .getBytes(StandardCharsets.US_ASCII);
                pendingAt = 0;
            }
            int n = (int) Math.min(Math.min(length - written, pending.length - pendingAt), size - position);
            System.arraycopy(pending, pendingAt, buffer, offset + written, n);
            pendingAt += n;
            written += n;
            position += n;
        }
        return written;
    }
}
