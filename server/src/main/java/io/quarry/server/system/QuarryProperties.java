package io.quarry.server.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-wide settings.
 *
 * @param dataDir where datasets are stored; relative paths resolve against the working directory
 */
@ConfigurationProperties("quarry")
public record QuarryProperties(
        @DefaultValue(QuarryProperties.DEFAULT_DATA_DIR) Path dataDir) {

    public static final String DEFAULT_DATA_DIR = "./quarry-data";
}
