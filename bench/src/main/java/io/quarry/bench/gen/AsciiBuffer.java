package io.quarry.bench.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A reusable byte buffer for ASCII text, with allocation-free number formatting; flushed to a stream when full. */
final class AsciiBuffer {

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private final byte[] bytes;
    private final OutputStream out;
    private int position;
    private long flushed;

    AsciiBuffer(int capacity, OutputStream out) {
        this.bytes = new byte[capacity];
        this.out = out;
    }

    /** Flushes when fewer than {@code bytesNeeded} bytes are free. */
    void reserve(int bytesNeeded) throws IOException {
        if (bytes.length - position < bytesNeeded) {
            flush();
        }
    }

    void flush() throws IOException {
        out.write(bytes, 0, position);
        flushed += position;
        position = 0;
    }

    /** Bytes handed to the stream plus bytes still buffered. */
    long size() {
        return flushed + position;
    }

    void append(byte b) {
        bytes[position++] = b;
    }

    void append(byte[] text) {
        System.arraycopy(text, 0, bytes, position, text.length);
        position += text.length;
    }

    void appendTwoDigits(int value) {
        bytes[position++] = (byte) ('0' + value / 10);
        bytes[position++] = (byte) ('0' + value % 10);
    }

    void append(long value) {
        if (value < 0) {
            bytes[position++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        int end = position + digits;
        for (int i = end - 1; i >= position; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        position = end;
    }

    /** Writes {@code units / 10^decimals} with exactly {@code decimals} digits after the point, e.g. 4070 → 0.4070. */
    void appendFixed(long units, int decimals) {
        if (units < 0) {
            bytes[position++] = '-';
            units = -units;
        }
        long scale = POWERS_OF_TEN[decimals];
        append(units / scale);
        bytes[position++] = '.';
        long fraction = units % scale;
        for (int i = position + decimals - 1; i >= position; i--) {
            bytes[i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        position += decimals;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
