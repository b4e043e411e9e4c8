package io.quarry.engine.ingest;

import io.quarry.engine.ColumnType;
import io.quarry.engine.DataType;
import java.nio.charset.StandardCharsets;

/**
 * Decides one column's type from every value in the file. Each value narrows the set of types that hold it exactly;
 * the column gets the most specific type left at the end, or VARCHAR. Exactness rules: no leading zeros, no sign
 * characters other than a leading minus, no digit grouping or spaces, no rounding (a decimal never becomes an integer,
 * a long decimal never becomes a float), no overflow, only real calendar dates.
 */
final class ColumnTypeTracker {

    static final int BIGINT = 1;
    static final int DECIMAL = 2;
    static final int DOUBLE = 4;
    static final int BOOLEAN = 8;
    static final int DATE = 16;
    static final int TIMESTAMP = 32;
    private static final int NUMBERS = BIGINT | DECIMAL | DOUBLE;
    private static final int TEMPORAL = DATE | TIMESTAMP;
    private static final int ALL = NUMBERS | BOOLEAN | TEMPORAL;
    private static final int MAX_DOUBLE_DIGITS = 15;
    private static final int[] DATE_DIGITS = {0, 1, 2, 3, 5, 6, 8, 9};
    private static final int[] DAYS_IN_MONTH = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private int candidates = ALL;
    private boolean sawValue;
    private int maxIntegerDigits;
    private int maxScale;

    /** A non-null value, given as its bytes (UTF-8, quotes and escapes removed). */
    void accept(byte[] bytes, int start, int end) {
        if (candidates == 0) {
            return;
        }
        sawValue = true;
        int fits = 0;
        byte first = bytes[start];
        if ((candidates & NUMBERS) != 0 && (first == '-' || isDigit(first))) {
            fits |= number(bytes, start, end);
        }
        int length = end - start;
        if ((candidates & BOOLEAN) != 0 && (length == 4 || length == 5)) {
            fits |= bool(bytes, start, length);
        }
        if ((candidates & TEMPORAL) != 0 && length >= 10 && isDigit(first)) {
            fits |= temporal(bytes, start, end);
        }
        candidates &= fits;
    }

    /** A value that can only be text (e.g. a quoted empty string, or a field with escaped quotes). */
    void acceptText() {
        sawValue = true;
        candidates = 0;
    }

    boolean isText() {
        return candidates == 0;
    }

    /** The column's type; a column with no values at all is VARCHAR. */
    ColumnType type() {
        if (!sawValue || candidates == 0) {
            return ColumnType.VARCHAR;
        }
        if ((candidates & BIGINT) != 0) {
            return ColumnType.BIGINT;
        }
        int precision = maxIntegerDigits + maxScale;
        if ((candidates & DECIMAL) != 0 && precision <= ColumnType.MAX_DECIMAL_PRECISION) {
            return ColumnType.decimal(Math.max(precision, 1), maxScale);
        }
        if ((candidates & DOUBLE) != 0) {
            return ColumnType.DOUBLE;
        }
        if ((candidates & BOOLEAN) != 0) {
            return ColumnType.BOOLEAN;
        }
        if ((candidates & DATE) != 0) {
            return ColumnType.DATE;
        }
        if ((candidates & TIMESTAMP) != 0) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.VARCHAR;
    }

    /** Whether the value would be read as the given type; used to tell a header row from data. */
    static boolean fits(ColumnType type, byte[] bytes, int start, int end) {
        if (start == end) {
            return true;
        }
        ColumnTypeTracker probe = new ColumnTypeTracker();
        probe.accept(bytes, start, end);
        int needed = switch (type.type()) {
            case VARCHAR -> ALL;
            case BIGINT -> BIGINT;
            case DECIMAL -> DECIMAL;
            case DOUBLE -> DOUBLE;
            case BOOLEAN -> BOOLEAN;
            case DATE -> DATE;
            case TIMESTAMP -> TIMESTAMP;
        };
        return type.type() == DataType.VARCHAR || (probe.candidates & needed) != 0;
    }

    private int number(byte[] b, int start, int end) {
        int p = start;
        boolean negative = b[p] == '-';
        if (negative) {
            p++;
        }
        int integerStart = p;
        while (p < end && isDigit(b[p])) {
            p++;
        }
        int integerDigits = p - integerStart;
        if (integerDigits == 0 || (integerDigits > 1 && b[integerStart] == '0')) {
            return 0;
        }
        int scale = 0;
        int fractionStart = p;
        if (p < end && b[p] == '.') {
            p++;
            fractionStart = p;
            while (p < end && isDigit(b[p])) {
                p++;
            }
            scale = p - fractionStart;
            if (scale == 0) {
                return 0;
            }
        }
        int mantissaEnd = p;
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int exponentStart = p;
            while (p < end && isDigit(b[p])) {
                p++;
            }
            if (p == exponentStart || p != end) {
                return 0;
            }
            return exponentFits(b, start, end, integerStart, mantissaEnd) ? DOUBLE : 0;
        }
        if (p != end) {
            return 0;
        }
        boolean zero = integerDigits == 1 && b[integerStart] == '0';
        if (negative && zero && allZeros(b, fractionStart, mantissaEnd)) {
            return 0;
        }
        int fits = 0;
        if (integerDigits + scale <= ColumnType.MAX_DECIMAL_PRECISION) {
            fits |= DECIMAL;
            maxIntegerDigits = Math.max(maxIntegerDigits, integerDigits);
            maxScale = Math.max(maxScale, scale);
        }
        if (scale == 0 && fitsLong(b, integerStart, integerDigits, negative)) {
            fits |= BIGINT;
        }
        if ((candidates & DOUBLE) != 0
                && (integerDigits + scale <= MAX_DOUBLE_DIGITS
                        || significantDigits(b, integerStart, mantissaEnd) <= MAX_DOUBLE_DIGITS)) {
            fits |= DOUBLE;
        }
        return fits;
    }

    private static boolean exponentFits(byte[] b, int start, int end, int integerStart, int mantissaEnd) {
        if (significantDigits(b, integerStart, mantissaEnd) > MAX_DOUBLE_DIGITS) {
            return false;
        }
        double value = Double.parseDouble(new String(b, start, end - start, StandardCharsets.US_ASCII));
        if (Double.isInfinite(value)) {
            return false;
        }
        boolean zeroMantissa = significantDigits(b, integerStart, mantissaEnd) == 0;
        return zeroMantissa ? value == 0 : Math.abs(value) >= Double.MIN_NORMAL;
    }

    /** Digits from the first non-zero one to the last non-zero one, ignoring the decimal point. */
    private static int significantDigits(byte[] b, int start, int end) {
        int first = -1;
        int last = -1;
        int count = 0;
        for (int p = start; p < end; p++) {
            if (b[p] == '.') {
                continue;
            }
            if (b[p] != '0') {
                if (first < 0) {
                    first = count;
                }
                last = count;
            }
            count++;
        }
        return first < 0 ? 0 : last - first + 1;
    }

    private static boolean allZeros(byte[] b, int start, int end) {
        for (int p = start; p < end; p++) {
            if (b[p] != '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean fitsLong(byte[] b, int start, int digits, boolean negative) {
        if (digits < 19) {
            return true;
        }
        if (digits > 19) {
            return false;
        }
        String bound = negative ? "9223372036854775808" : "9223372036854775807";
        for (int i = 0; i < 19; i++) {
            int d = b[start + i] - bound.charAt(i);
            if (d != 0) {
                return d < 0;
            }
        }
        return true;
    }

    private static int bool(byte[] b, int start, int length) {
        if (length == 4
                && lower(b[start]) == 't'
                && lower(b[start + 1]) == 'r'
                && lower(b[start + 2]) == 'u'
                && lower(b[start + 3]) == 'e') {
            return BOOLEAN;
        }
        if (length == 5
                && lower(b[start]) == 'f'
                && lower(b[start + 1]) == 'a'
                && lower(b[start + 2]) == 'l'
                && lower(b[start + 3]) == 's'
                && lower(b[start + 4]) == 'e') {
            return BOOLEAN;
        }
        return 0;
    }

    private static int temporal(byte[] b, int s, int end) {
        if (!isDate(b, s)) {
            return 0;
        }
        int length = end - s;
        if (length == 10) {
            return DATE | TIMESTAMP;
        }
        if (length < 19 || (b[s + 10] != 'T' && b[s + 10] != ' ')) {
            return 0;
        }
        if (!twoDigits(b, s + 11, 23) || b[s + 13] != ':' || !twoDigits(b, s + 14, 59) || b[s + 16] != ':') {
            return 0;
        }
        if (!twoDigits(b, s + 17, 59)) {
            return 0;
        }
        if (length == 19) {
            return TIMESTAMP;
        }
        int fraction = length - 20;
        if (b[s + 19] != '.' || fraction < 1 || fraction > 6) {
            return 0;
        }
        for (int p = s + 20; p < end; p++) {
            if (!isDigit(b[p])) {
                return 0;
            }
        }
        return TIMESTAMP;
    }

    private static boolean isDate(byte[] b, int s) {
        for (int i : DATE_DIGITS) {
            if (!isDigit(b[s + i])) {
                return false;
            }
        }
        if (b[s + 4] != '-' || b[s + 7] != '-') {
            return false;
        }
        int year = (b[s] - '0') * 1000 + (b[s + 1] - '0') * 100 + (b[s + 2] - '0') * 10 + (b[s + 3] - '0');
        int month = (b[s + 5] - '0') * 10 + (b[s + 6] - '0');
        int day = (b[s + 8] - '0') * 10 + (b[s + 9] - '0');
        if (year == 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month]) {
            return false;
        }
        return month != 2 || day < 29 || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
    }

    private static boolean twoDigits(byte[] b, int p, int max) {
        return isDigit(b[p]) && isDigit(b[p + 1]) && (b[p] - '0') * 10 + (b[p + 1] - '0') <= max;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int lower(byte c) {
        return c | 0x20;
    }
}
