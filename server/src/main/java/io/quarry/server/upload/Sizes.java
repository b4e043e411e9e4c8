package io.quarry.server.upload;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Byte counts as a person reads them: {@code 7.2 GB}, {@code 5 GB}, {@code 812 bytes} (binary units, as in the settings: 1 KB is 1024 bytes). */
final class Sizes {

    private static final String[] UNITS = {"KB", "MB", "GB", "TB", "PB"};

    private Sizes() {}

    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1023.95 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        BigDecimal rounded =
                BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.toPlainString() + " " + UNITS[unit];
    }
}
