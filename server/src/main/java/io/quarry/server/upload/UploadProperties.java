package io.quarry.server.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of uploads.
 *
 * @param maxSize the largest file one upload may hold
 * @param userQuota the bytes of uploaded files one user may keep, summed over their datasets
 */
@ConfigurationProperties("quarry.upload")
public record UploadProperties(
        @DefaultValue("10GB") DataSize maxSize,
        @DefaultValue("100GB") DataSize userQuota) {

    public UploadProperties {
        if (maxSize.toBytes() < 1 || userQuota.toBytes() < 1) {
            throw new IllegalArgumentException("quarry.upload.max-size and quarry.upload.user-quota must be positive");
        }
    }
}
