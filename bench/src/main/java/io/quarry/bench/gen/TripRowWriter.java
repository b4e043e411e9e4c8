package io.quarry.bench.gen;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.random.RandomGenerator;

/** Formats trip rows straight into an {@link AsciiBuffer}; the distributions follow {@code gen_csv.py}. */
final class TripRowWriter {

    static final String HEADER = "id,pickup_at,ship_date,category,city,note,price,distance_km,is_member,"
            + "quantity,lat,lon,rating,payment\n";

    /** Pickup days are 2023-01-01 plus 0..729; ship dates add 0..6 days. */
    private static final int DAYS = 2 * 365;

    private static final int MAX_ROW_BYTES = 512;
    private static final byte[][] CATEGORIES = table(List.of(
            "electronics",
            "grocery",
            "books",
            "toys",
            "garden",
            "sports",
            "beauty",
            "apparel",
            "home",
            "auto",
            "music",
            "health",
            "office",
            "pets",
            "tools",
            "baby",
            "jewelry",
            "games",
            "outdoor",
            "travel"));
    private static final byte[][] PAYMENTS = table(List.of("card", "cash", "wallet", "voucher", "invoice"));
    private static final byte[][] NOTES = table(List.of(
            "left at door",
            "call on arrival",
            "fragile, handle with care",
            "customer said \"thanks\", tipped well",
            "gate code 4411",
            "no contact",
            "asked for \"express\" wrap",
            "ring twice, then wait",
            "back entrance",
            "late pickup, traffic",
            "item \"as described\"",
            "return requested",
            "second attempt",
            "box marked \"heavy\", two people",
            "signed by neighbour",
            "leave with concierge",
            "note: \"do not bend\"",
            "paid tip in cash, thanks"));
    private static final byte[][] DATES = dates();
    private static final byte[] TRUE = AsciiBuffer.ascii("true");
    private static final byte[] FALSE = AsciiBuffer.ascii("false");

    private static final AliasSampler CATEGORY = AliasSampler.of(categoryWeights());
    private static final AliasSampler PAYMENT = AliasSampler.of(0.62, 0.18, 0.14, 0.04, 0.02);
    private static final AliasSampler RATING = AliasSampler.of(0.05, 0.07, 0.18, 0.35, 0.35);

    private final byte[][] cities;
    private final AliasSampler city;

    /** @param cityNames the city names by rank; the first is the most frequent */
    TripRowWriter(List<String> cityNames) {
        this.cities = table(cityNames);
        this.city = AliasSampler.of(CityNames.zipfWeights(cityNames.size()));
    }

    /** Writes rows {@code firstId .. firstId + rows - 1}, each ending in LF. */
    void writeRows(AsciiBuffer out, RandomGenerator random, long firstId, int rows) throws IOException {
        for (long id = firstId; id < firstId + rows; id++) {
            out.reserve(MAX_ROW_BYTES);
            writeRow(out, random, id);
        }
    }

    private void writeRow(AsciiBuffer out, RandomGenerator random, long id) {
        out.append(id);
        out.append((byte) ',');
        int day = random.nextInt(DAYS);
        int secondOfDay = random.nextInt(86_400);
        out.append(DATES[day]);
        out.append((byte) 'T');
        out.appendTwoDigits(secondOfDay / 3600);
        out.append((byte) ':');
        out.appendTwoDigits(secondOfDay / 60 % 60);
        out.append((byte) ':');
        out.appendTwoDigits(secondOfDay % 60);
        out.append((byte) ',');
        out.append(DATES[day + random.nextInt(7)]);
        out.append((byte) ',');
        out.append(CATEGORIES[CATEGORY.sample(random)]);
        out.append((byte) ',');
        out.append(cities[city.sample(random)]);
        out.append((byte) ',');
        if (random.nextDouble() < 0.30) {
            out.append(NOTES[random.nextInt(NOTES.length)]);
        }
        out.append((byte) ',');
        if (random.nextDouble() >= 0.02) {
            long cents = Math.round(Math.exp(3.0 + 0.9 * random.nextGaussian()) * 100) + 99;
            out.appendFixed(cents, 2);
        }
        out.append((byte) ',');
        if (random.nextDouble() >= 0.02) {
            // gamma(shape 2, scale 3.5) is the sum of two exponentials of mean 3.5
            double distance = 3.5 * (random.nextExponential() + random.nextExponential());
            out.appendFixed(Math.round(distance * 100) + 10, 2);
        }
        out.append((byte) ',');
        out.append(random.nextDouble() < 0.35 ? TRUE : FALSE);
        out.append((byte) ',');
        out.append((byte) ('1' + random.nextInt(9)));
        out.append((byte) ',');
        out.appendFixed(Math.round((40.70 + 0.08 * random.nextGaussian()) * 1e4), 4);
        out.append((byte) ',');
        out.appendFixed(Math.round((-73.95 + 0.10 * random.nextGaussian()) * 1e4), 4);
        out.append((byte) ',');
        out.append((byte) ('1' + RATING.sample(random)));
        out.append((byte) ',');
        out.append(PAYMENTS[PAYMENT.sample(random)]);
        out.append((byte) '\n');
    }

    private static byte[][] table(List<String> values) {
        return values.stream().map(Csv::quote).map(AsciiBuffer::ascii).toArray(byte[][]::new);
    }

    private static byte[][] dates() {
        LocalDate first = LocalDate.of(2023, 1, 1);
        byte[][] dates = new byte[DAYS + 7][];
        for (int i = 0; i < dates.length; i++) {
            dates[i] = AsciiBuffer.ascii(first.plusDays(i).toString());
        }
        return dates;
    }

    /** Linearly falling weights from 2.0 to 0.3, like {@code np.linspace(2.0, 0.3, 20)}. */
    private static double[] categoryWeights() {
        double[] weights = new double[CATEGORIES.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 2.0 - 1.7 * i / (weights.length - 1);
        }
        return weights;
    }
}
