package io.quarry.engine.query;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Adds derived fields, one per transform, in order; each is known by its {@code as} key from then on. */
public record TransformStep(List<Transform> transforms) implements Step {

    public TransformStep {
        transforms = List.copyOf(transforms);
    }

    public static TransformStep of(Transform... transforms) {
        return new TransformStep(List.of(transforms));
    }

    /**
     * One derived field.
     *
     * @param num the number of bins for {@code bin} and of buckets for {@code binCount} (default 10), the base for
     *     {@code log} (default e)
     */
    public record Transform(
            String key,
            TransformOp op,
            List<Param> params,
            String as,
            @Nullable Integer num) {

        public Transform {
            Objects.requireNonNull(key);
            Objects.requireNonNull(op);
            params = List.copyOf(params);
            Wire.name("transform key", as);
            if (num != null && (num < 1 || num > 10_000)) {
                throw Wire.invalid(
                        "The " + op.wireName() + " transform takes a number from 1 to 10000, not " + num + ".");
            }
        }

        public static Transform of(String as, TransformOp op, Param... params) {
            return new Transform(as, op, List.of(params), as, null);
        }

        public Transform withNum(int newNum) {
            return new Transform(key, op, params, as, newNum);
        }
    }

    /**
     * A transform parameter: a field id, a value (a {@link PaintMap} for the map types), or a format or offset the
     * engine may ignore.
     */
    public record Param(ParamType type, @Nullable Object value) {

        public Param {
            Objects.requireNonNull(type);
        }

        public static Param field(String fid) {
            return new Param(ParamType.FIELD, fid);
        }

        public static Param value(Object value) {
            return new Param(ParamType.VALUE, value);
        }
    }

    /** The kinds of transform parameter, by their wire names. */
    public enum ParamType {
        FIELD("field"),
        VALUE("value"),
        FORMAT("format"),
        OFFSET("offset"),
        DISPLAY_OFFSET("displayOffset"),
        SQL("sql"),
        /** A {@link PaintMap}, from Graphic Walker's first paint format. */
        MAP("map"),
        /** A {@link PaintMap}. */
        NEW_MAP("newmap"),
        NEW_NAME("newname");

        private final String wireName;

        ParamType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static ParamType fromWire(String name) {
            for (ParamType type : values()) {
                if (type.wireName.equals(name)
                        || type.wireName.toLowerCase(Locale.ROOT).equals(name)) {
                    return type;
                }
            }
            throw Wire.unknown("transform parameter type", name);
        }
    }
}
