package io.quarry.server.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of uploads.
 *
 * @param maxSize the largest file one upload may hold
 * @param userQuota the bytes of uploaded files one user may keep, summed over their datasets
 * @param minFreeSpace the disk space under the data directory that uploads and ingests leave free
 * @param maxDecompressedSize the most text a compressed (gzip or zstd) file may expand to
 */
@ConfigurationProperties("quarry.upload")
public record UploadProperties(
        @DefaultValue("10GB") DataSize maxSize,
        @DefaultValue("100GB") DataSize userQuota,
        @DefaultValue("1GB") DataSize minFreeSpace,
        @DefaultValue("100GB") DataSize maxDecompressedSize) {

    public UploadProperties {
        if (maxSize.toBytes() < 1 || userQuota.toBytes() < 1) {
            throw new IllegalArgumentException("quarry.upload.max-size and quarry.upload.user-quota must be positive");
        }
        if (minFreeSpace.toBytes() < 0) {
            throw new IllegalArgumentException("quarry.upload.min-free-space must be 0 or more, not " + minFreeSpace);
        }
        if (maxDecompressedSize.toBytes() < 1) {
            throw new IllegalArgumentException(
                    "quarry.upload.max-decompressed-size must be positive, not " + maxDecompressedSize);
        }
    }
}
