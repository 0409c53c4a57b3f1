package dev.quiver.nodes.hpo;

import dev.quiver.api.InvalidInputException;
import dev.quiver.nodes.hpo.ParameterRange.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The searched settings, each with a resolved kind, bounds and choices. A point of the space is a
 * vector u in [0, 1]^d: strategies work in these unit coordinates and {@link #settings} maps them
 * to the values the learner takes (log scales and whole numbers included).
 */
final class SearchSpace {
    static final int DEFAULT_GRID_POINTS = 5;

    /** One searched setting. {@code integerSetting}: the learner's setting is a whole number. */
    record Parameter(String name, Kind kind, double min, double max, List<String> choices, int gridPoints,
            boolean integerSetting) {

        /** The value at unit coordinate {@code u}: a Double, a Long, or a String choice. */
        Object value(double u) {
            u = Math.min(1, Math.max(0, u));
            return switch (kind) {
                case CHOICE -> choices.get(choiceIndex(u));
                case LINEAR -> tidy(min + u * (max - min));
                case LOG -> tidy(Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))));
                case INT -> Math.min((long) max, Math.max((long) min, Math.round(min - 0.5 + u * (max - min + 1))));
                case INT_LOG -> Math.min((long) max, Math.max((long) min, Math.round(
                        Math.exp(Math.log(min - 0.5) + u * (Math.log(max + 0.5) - Math.log(min - 0.5))))));
            };
        }

        /**
         * Rounded to 12 significant digits, so a grid shows 1000 and not 999.9999999999998, and clamped:
         * exp(log(max)) may come out a rounding error above max, which the learner would refuse.
         */
        private double tidy(double v) {
            double r = new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
            return Math.min(max, Math.max(min, r));
        }

        int choiceIndex(double u) {
            return Math.min(choices.size() - 1, (int) Math.floor(u * choices.size()));
        }

        /** The unit coordinate at the centre of choice {@code i}. */
        double choiceUnit(int i) {
            return (i + 0.5) / choices.size();
        }

        /** The grid's unit coordinates: every choice, or evenly spaced values without repeats. */
        List<Double> gridUnits() {
            var out = new ArrayList<Double>();
            if (kind == Kind.CHOICE) {
                for (int i = 0; i < choices.size(); i++) {
                    out.add(choiceUnit(i));
                }
                return out;
            }
            int g = gridPoints <= 0 ? DEFAULT_GRID_POINTS : gridPoints;
            var seen = new ArrayList<Object>();
            for (int i = 0; i < g; i++) {
                double u = g == 1 ? 0.5 : (double) i / (g - 1);
                // Whole numbers spaced in [min - 0.5, max + 0.5] would round to the ends unevenly: use the grid of values.
                if (kind.integer()) {
                    double v = kind == Kind.INT ? min + (double) i / Math.max(1, g - 1) * (max - min)
                            : Math.exp(Math.log(min) + (double) i / Math.max(1, g - 1) * (Math.log(max) - Math.log(min)));
                    u = unitOfInteger(Math.round(g == 1 ? (min + max) / 2 : v));
                }
                Object v = value(u);
                if (!seen.contains(v)) {
                    seen.add(v);
                    out.add(u);
                }
            }
            return out;
        }

        private double unitOfInteger(long v) {
            return kind == Kind.INT ? (v - min + 0.5) / (max - min + 1)
                    : (Math.log(v) - Math.log(min - 0.5)) / (Math.log(max + 0.5) - Math.log(min - 0.5));
        }

        String describe() {
            return kind == Kind.CHOICE ? name + " ∈ " + choices
                    : String.format(Locale.ROOT, "%s ∈ [%s, %s] (%s)", name, num(min), num(max),
                            kind.name().toLowerCase(Locale.ROOT));
        }
    }

    private final List<Parameter> parameters;

    SearchSpace(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    List<Parameter> parameters() {
        return parameters;
    }

    int dimensions() {
        return parameters.size();
    }

    /** The learner settings at point {@code u}. */
    Map<String, Object> settings(double[] u) {
        var out = new LinkedHashMap<String, Object>();
        for (int i = 0; i < parameters.size(); i++) {
            out.put(parameters.get(i).name(), parameters.get(i).value(u[i]));
        }
        return out;
    }

    /** The grid's size, as a long since grids grow fast. */
    long gridSize() {
        long n = 1;
        for (Parameter p : parameters) {
            n = Math.multiplyExact(n, p.gridUnits().size());
        }
        return n;
    }

    /**
     * Builds the space. {@code requested} empty = every tunable setting with default ranges, except
     * the training budget (trees, epochs), which is left at the learner's value; name it to search it.
     */
    static SearchSpace build(LearnerSchema schema, List<ParameterRange> requested) {
        var out = new ArrayList<Parameter>();
        if (requested.isEmpty()) {
            for (LearnerSchema.Setting s : schema.tunable()) {
                if (s.budget() || s.numeric() && !s.boundsKnown()) {
                    continue;
                }
                out.add(resolve(s, ParameterRange.named(s.name())));
            }
            if (out.isEmpty()) {
                throw new InvalidInputException("The learner has no tunable setting with known bounds"
                        + (schema.tunable().isEmpty() ? "" : " (tunable: " + names(schema) + ")")
                        + ". List the parameters to search with their ranges.");
            }
            return new SearchSpace(out);
        }
        var seen = new java.util.HashSet<String>();
        for (ParameterRange r : requested) {
            LearnerSchema.Setting s = schema.find(r.name()).filter(LearnerSchema.Setting::tunable)
                    .orElseThrow(() -> new InvalidInputException("The learner has no tunable setting '" + r.name()
                            + "' (tunable: " + names(schema) + "). Choose one of these."));
            if (!seen.add(s.name())) {
                throw new InvalidInputException("Parameter '" + s.name() + "' is listed twice. Remove one.");
            }
            out.add(resolve(s, r));
        }
        return new SearchSpace(out);
    }

    static String names(LearnerSchema schema) {
        List<String> n = schema.tunable().stream().map(LearnerSchema.Setting::name).toList();
        return n.isEmpty() ? "none" : String.join(", ", n);
    }

    private static Parameter resolve(LearnerSchema.Setting s, ParameterRange r) {
        String what = "Parameter '" + s.name() + "'";
        Kind kind = r.kind();
        if (!s.numeric()) {
            if (kind != null && kind != Kind.CHOICE) {
                throw new InvalidInputException(what + " is a choice among " + s.choices() + ", not a number: set its"
                        + " kind to CHOICE.");
            }
            List<String> choices = r.choices().isEmpty() ? s.choices() : r.choices();
            for (String c : choices) {
                if (s.choices().stream().noneMatch(x -> x.equalsIgnoreCase(c))) {
                    throw new InvalidInputException(what + " has no choice '" + c + "' (choices: "
                            + String.join(", ", s.choices()) + "). Choose among these.");
                }
            }
            return new Parameter(s.name(), Kind.CHOICE, 0, 0, List.copyOf(choices), 0, false);
        }
        if (kind == Kind.CHOICE) {
            if (r.choices().isEmpty()) {
                throw new InvalidInputException(what + " is a number: list the values to choose from, or give it a"
                        + " range (kind LINEAR, LOG, INT or INT_LOG).");
            }
            for (String c : r.choices()) {
                double v = parse(c, what);
                checkBounds(s, v, what);
            }
            return new Parameter(s.name(), Kind.CHOICE, 0, 0, r.choices(), 0, s.integer());
        }
        double d = s.currentNumber();
        double lo;
        double hi;
        boolean log = kind == null ? s.log() : kind.log();
        if (r.hasBounds()) {
            lo = r.min();
            hi = r.max();
        } else {
            if (!s.boundsKnown()) {
                throw new InvalidInputException(what + " has no known bounds: give its minimum and maximum.");
            }
            double[] b = defaultBounds(s, d, kind);
            lo = b[0];
            hi = b[1];
            if (kind == null) {
                log = b[2] != 0;
            }
        }
        if (!(lo <= hi)) {
            throw new InvalidInputException(what + " has minimum " + num(lo) + " above its maximum " + num(hi)
                    + ". Swap them.");
        }
        checkBounds(s, lo, what);
        checkBounds(s, hi, what);
        if (log && lo <= 0) {
            throw new InvalidInputException(what + " is searched on a log scale, so its minimum must be above 0, not "
                    + num(lo) + ". Raise the minimum or use kind " + (s.integer() ? "INT" : "LINEAR") + ".");
        }
        Kind resolved = s.integer() ? (log ? Kind.INT_LOG : Kind.INT) : kind == null ? (log ? Kind.LOG : Kind.LINEAR)
                : kind == Kind.INT_LOG ? Kind.LOG : kind == Kind.INT ? Kind.LINEAR : kind;
        if (resolved.integer()) {
            lo = Math.ceil(lo);
            hi = Math.floor(hi);
            if (lo > hi) {
                throw new InvalidInputException(what + " is a whole number, but [" + num(r.min()) + ", " + num(r.max())
                        + "] contains none. Widen the range.");
            }
        }
        return new Parameter(s.name(), resolved, lo, hi, List.of(), r.gridPoints(), s.integer());
    }

    /**
     * A default range around the learner's value d, within the setting's bounds: a factor of 100
     * either way on a log scale, 10 for whole numbers spread over orders of magnitude, the whole
     * range when it is narrow, else d ± 10·max(|d|, 1). Returns {lo, hi, log ? 1 : 0}.
     */
    static double[] defaultBounds(LearnerSchema.Setting s, double d, Kind kind) {
        double min = s.min();
        double max = s.max();
        boolean finite = Double.isFinite(min) && Double.isFinite(max);
        if (Double.isNaN(d)) {
            d = finite ? (min + max) / 2 : Double.isFinite(min) ? min : max;
        }
        boolean log = kind == null ? s.log() || s.integer() && min >= 1 && (!finite || max / min > 100) : kind.log();
        if (log) {
            double factor = s.integer() ? 10 : 100;
            double lo = d > 0 ? Math.max(min, d / factor) : Math.max(min, Double.MIN_NORMAL);
            double hi = d > 0 ? Math.min(max, d * factor) : Math.min(max, lo * factor * factor);
            if (s.integer()) {
                lo = Math.max(lo, 1);
            }
            return new double[] {lo, hi, 1};
        }
        double m = Math.max(Math.abs(d), 1);
        if (finite && max - min <= 20 * m) {
            return new double[] {min, max, 0};
        }
        return new double[] {Math.max(min, d - 10 * m), Math.min(max, d + 10 * m), 0};
    }

    private static void checkBounds(LearnerSchema.Setting s, double v, String what) {
        if (v < s.min() || v > s.max()) {
            throw new InvalidInputException(what + " may not reach " + num(v) + ": the learner accepts "
                    + num(s.min()) + " to " + num(s.max()) + ". Narrow the range.");
        }
    }

    private static double parse(String c, String what) {
        try {
            return Double.parseDouble(c.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what + " is a number, but the choice '" + c + "' is not.");
        }
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
