package dev.quiver.nodes.hpo;

import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a learner's settings say about tuning, read from its settings record by the rules of the
 * engine's JSON Schema: numeric settings with a {@link Range}, enums and booleans are tunable unless
 * {@code @Tunable(false)}; column references never; {@code @Tunable(budget = true)} marks the
 * training budget. When the record is unknown, only the printable settings of the learner's spec
 * are known: their names and values, no bounds.
 */
final class LearnerSchema {

    /** One setting of the learner. {@code current} is its value as the learner's spec prints it. */
    record Setting(String name, Class<?> type, double min, double max, boolean log, boolean tunable, boolean budget,
            List<String> choices, String current) {

        boolean integer() {
            return type == int.class || type == long.class || type == Integer.class || type == Long.class;
        }

        boolean numeric() {
            return integer() || type == double.class || type == float.class || type == Double.class
                    || type == Float.class;
        }

        boolean boundsKnown() {
            return Double.isFinite(min) || Double.isFinite(max);
        }

        /** The current value as a number, or NaN. */
        double currentNumber() {
            try {
                return current == null ? Double.NaN : Double.parseDouble(current.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

    private final List<Setting> settings;
    private final boolean fromRecord;

    private LearnerSchema(List<Setting> settings, boolean fromRecord) {
        this.settings = List.copyOf(settings);
        this.fromRecord = fromRecord;
    }

    /** From the learner's settings record type and its current (printed) values. */
    static LearnerSchema of(Class<? extends Record> type, Map<String, String> current) {
        var out = new ArrayList<Setting>();
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> t = c.getType();
            Range r = c.getAnnotation(Range.class);
            Tunable tu = c.getAnnotation(Tunable.class);
            boolean column = c.getAnnotation(ColumnRef.class) != null;
            boolean numeric = t == int.class || t == long.class || t == double.class || t == float.class;
            boolean byDefault = !column && (t.isEnum() || t == boolean.class || r != null && numeric);
            boolean tunable = !column && (tu == null ? byDefault : tu.value()) && (numeric || t.isEnum()
                    || t == boolean.class);
            List<String> choices = t.isEnum()
                    ? Arrays.stream(t.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList()
                    : t == boolean.class ? List.of("false", "true") : List.of();
            out.add(new Setting(c.getName(), t, r == null ? Double.NEGATIVE_INFINITY : r.min(),
                    r == null ? Double.POSITIVE_INFINITY : r.max(), r != null && r.log(), tunable,
                    tu != null && tu.budget(), choices, current.get(c.getName())));
        }
        return new LearnerSchema(out, true);
    }

    /**
     * Only the learner spec's printed settings: true/false values are boolean choices and numbers
     * are numeric settings whose bounds must be given; nothing is known to be a budget.
     */
    static LearnerSchema fromPrintedSettings(Map<String, String> current) {
        var out = new ArrayList<Setting>();
        for (var e : current.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().trim().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                out.add(new Setting(e.getKey(), boolean.class, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                        false, true, false, List.of("false", "true"), e.getValue()));
            } else if (isNumber(v)) {
                Class<?> type = v.matches("[-+]?\\d+") ? long.class : double.class;
                out.add(new Setting(e.getKey(), type, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, true,
                        false, List.of(), e.getValue()));
            }
        }
        return new LearnerSchema(out, false);
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return !v.isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    List<Setting> settings() {
        return settings;
    }

    /** Whether the settings record was found, so bounds and budgets are known. */
    boolean fromRecord() {
        return fromRecord;
    }

    List<Setting> tunable() {
        return settings.stream().filter(Setting::tunable).toList();
    }

    Optional<Setting> find(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The setting marked {@code @Tunable(budget = true)} (trees, epochs), if any. */
    Optional<Setting> budget() {
        return settings.stream().filter(s -> s.budget() && s.integer()).findFirst();
    }
}
