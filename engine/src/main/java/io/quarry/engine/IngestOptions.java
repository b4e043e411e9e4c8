package io.quarry.engine;

/** Limits and knobs of one ingest; {@link #defaults()} suits almost everyone. */
public final class IngestOptions {

    private final double maxRejectedShare;
    private final int toleratedRejects;
    private final int maxRecordBytes;
    private final int rawTextLimit;
    private final int readBufferBytes;
    private final long maxDecompressedBytes;

    private IngestOptions(Builder builder) {
        this.maxRejectedShare = builder.maxRejectedShare;
        this.toleratedRejects = builder.toleratedRejects;
        this.maxRecordBytes = builder.maxRecordBytes;
        this.rawTextLimit = builder.rawTextLimit;
        this.readBufferBytes = builder.readBufferBytes;
        this.maxDecompressedBytes = builder.maxDecompressedBytes;
    }

    public static IngestOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The share of records (0..1) that may be rejected; default 0.01. The ingest fails when more than this share
     * and more than {@link #toleratedRejects()} records are rejected.
     */
    public double maxRejectedShare() {
        return maxRejectedShare;
    }

    /** This many rejected records never fail an ingest, whatever their share; default 10. */
    public int toleratedRejects() {
        return toleratedRejects;
    }

    /** A record longer than this many bytes is rejected; default 8 MiB. */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** The raw text kept for a rejected record is cut at this many characters; default 1,000. */
    public int rawTextLimit() {
        return rawTextLimit;
    }

    /** The size of the parser's read buffer; default 1 MiB. Tests use tiny ones to exercise buffer edges. */
    public int readBufferBytes() {
        return readBufferBytes;
    }

    /**
     * A compressed (gzip or zstd) file that expands to more than this many bytes fails with
     * {@code CSV_DECOMPRESSED_TOO_LARGE} when it gets there; default no limit.
     */
    public long maxDecompressedBytes() {
        return maxDecompressedBytes;
    }

    @Override
    public String toString() {
        return "IngestOptions[maxRejectedShare=" + maxRejectedShare + ", toleratedRejects=" + toleratedRejects
                + ", maxRecordBytes=" + maxRecordBytes
                + ", rawTextLimit=" + rawTextLimit + ", readBufferBytes=" + readBufferBytes
                + ", maxDecompressedBytes=" + maxDecompressedBytes + "]";
    }

    public static final class Builder {
        private double maxRejectedShare = 0.01;
        private int toleratedRejects = 10;
        private int maxRecordBytes = 8 << 20;
        private int rawTextLimit = 1_000;
        private int readBufferBytes = 1 << 20;
        private long maxDecompressedBytes = Long.MAX_VALUE;

        private Builder() {}

        public Builder maxRejectedShare(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("maxRejectedShare must be between 0 and 1, not " + share);
            }
            this.maxRejectedShare = share;
            return this;
        }

        public Builder toleratedRejects(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("toleratedRejects must be 0 or more, not " + count);
            }
            this.toleratedRejects = count;
            return this;
        }

        public Builder maxRecordBytes(int bytes) {
            if (bytes < 16) {
                throw new IllegalArgumentException("maxRecordBytes must be at least 16, not " + bytes);
            }
            this.maxRecordBytes = bytes;
            return this;
        }

        public Builder rawTextLimit(int chars) {
            if (chars < 1) {
                throw new IllegalArgumentException("rawTextLimit must be positive, not " + chars);
            }
            this.rawTextLimit = chars;
            return this;
        }

        public Builder readBufferBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("readBufferBytes must be positive, not " + bytes);
            }
            this.readBufferBytes = bytes;
            return this;
        }

        public Builder maxDecompressedBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxDecompressedBytes must be positive, not " + bytes);
            }
            this.maxDecompressedBytes = bytes;
            return this;
        }

        public IngestOptions build() {
            return new IngestOptions(this);
        }
    }
}
