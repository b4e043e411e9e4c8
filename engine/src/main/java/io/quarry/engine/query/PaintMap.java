package io.quarry.engine.query;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * The map of a {@code paint} transform (Graphic Walker's {@code newmap}): each row gets the name of the colour
 * painted on its cell, facet after facet, or the name of colour 1 where no facet painted it.
 *
 * @param names the colour names by their number (1 to 255)
 */
public record PaintMap(List<Facet> facets, Map<Integer, String> names) {

    /** Cells in one facet, at most (a 1000 × 1000 grid). */
    public static final int MAX_CELLS = 1_000_000;
    /** Facets in one map, and dimensions in one facet, at most. */
    public static final int MAX_PARTS = 16;
    /** Characters in a colour name, at most. */
    public static final int MAX_NAME = 1_000;

    public PaintMap {
        facets = List.copyOf(facets);
        if (facets.isEmpty() || facets.size() > MAX_PARTS) {
            throw Wire.invalid("A paint map needs 1 to " + MAX_PARTS + " facets, not " + facets.size() + ".");
        }
        for (Map.Entry<Integer, String> name : names.entrySet()) {
            if (name.getKey() < 1 || name.getKey() > 255) {
                throw Wire.invalid("A paint map numbers its colours from 1 to 255, not " + name.getKey() + ".");
            }
            if (name.getValue().length() > MAX_NAME || name.getValue().indexOf('\0') >= 0) {
                throw Wire.invalid("A paint colour name must be text of at most " + MAX_NAME + " characters.");
            }
        }
        names = Collections.unmodifiableMap(new TreeMap<>(names));
    }

    /**
     * One painted grid over some fields: a row's cell is found from its value in each dimension.
     *
     * @param cells the colour number of each cell (0 = not painted), the last dimension varying fastest
     */
    public record Facet(List<Dimension> dimensions, byte[] cells) {

        public Facet {
            dimensions = List.copyOf(dimensions);
            if (dimensions.isEmpty() || dimensions.size() > MAX_PARTS) {
                throw Wire.invalid(
                        "A paint facet needs 1 to " + MAX_PARTS + " dimensions, not " + dimensions.size() + ".");
            }
            long expected = cellCount(dimensions);
            if (cells.length != expected) {
                throw Wire.invalid(
                        "A paint facet over these dimensions has " + expected + " cells, not " + cells.length + ".");
            }
            cells = cells.clone();
        }

        @Override
        public byte[] cells() {
            return cells.clone();
        }

        /** A facet whose cells come as Graphic Walker sends them: raw deflate, then base64. */
        public static Facet deflated(List<Dimension> dimensions, String base64) {
            long count = cellCount(dimensions);
            byte[] packed;
            try {
                packed = Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                throw Wire.invalid("A paint map is not valid base64.");
            }
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(packed);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    if (out.size() > count) {
                        throw Wire.invalid("A paint map holds more cells than its dimensions have (" + count + ").");
                    }
                }
                return new Facet(dimensions, out.toByteArray());
            } catch (DataFormatException e) {
                throw Wire.invalid("A paint map is not valid compressed data.");
            } finally {
                inflater.end();
            }
        }

        private static long cellCount(List<Dimension> dimensions) {
            long count = 1;
            for (Dimension dimension : dimensions) {
                count *= dimension.width();
                if (count > MAX_CELLS) {
                    throw Wire.invalid("A paint facet may have at most " + MAX_CELLS + " cells.");
                }
            }
            return count;
        }
    }

    /** How a field's value finds its position along one side of the grid. */
    public sealed interface Dimension {

        String fid();

        int width();
    }

    /** Each listed value is one position, in order; any other value is position 0. */
    public record Nominal(String fid, List<@Nullable Object> values) implements Dimension {

        public Nominal {
            Wire.name("paint dimension field id", fid);
            values = Collections.unmodifiableList(new ArrayList<>(values));
            if (values.isEmpty()) {
                throw Wire.invalid("A paint dimension on " + Wire.quote(fid) + " needs at least one value.");
            }
        }

        @Override
        public int width() {
            return values.size();
        }
    }

    /**
     * {@code [lo, hi]} cut into {@code width} equal positions: a value at or below {@code lo} is position 0, at or
     * above {@code hi} the last one; a null counts as 0.
     */
    public record Quantitative(String fid, double lo, double hi, int width) implements Dimension {

        public Quantitative {
            Wire.name("paint dimension field id", fid);
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
                throw Wire.invalid("A paint dimension on " + Wire.quote(fid) + " needs finite bounds lo <= hi.");
            }
            if (width < 1) {
                throw Wire.invalid("A paint dimension on " + Wire.quote(fid) + " needs a width of 1 or more.");
            }
        }
    }
}
