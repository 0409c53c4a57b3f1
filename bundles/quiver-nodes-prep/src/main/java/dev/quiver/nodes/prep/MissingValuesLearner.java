package dev.quiver.nodes.prep;

import dev.quiver.api.port.TransformCodec;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.prep.MissingValuesSettings.NominalStrategy;
import dev.quiver.nodes.prep.MissingValuesSettings.NumericStrategy;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Learns per-column fill values (or which columns drop rows) and makes a {@link Fitted} imputer. */
final class MissingValuesLearner implements TransformLearner {
    private final MissingValuesSettings settings;

    MissingValuesLearner(MissingValuesSettings settings) {
        this.settings = settings;
    }

    /** How a column's cells are stored, which decides the strategy that applies to it. */
    enum Kind { NUMERIC, NOMINAL, BOOLEAN }

    /** What happens to one column's missing cells. */
    enum Action { DROP_ROW, FILL }

    /**
     * The treatment of one column. Before fitting {@code value} is the constant, or null when a
     * statistic is still to be learned; after fitting it is the fill value: a Double for numeric
     * columns, a String for nominal ones, a Boolean for boolean ones.
     */
    record Rule(String column, Kind kind, Action action, String strategy, Object value) {
        /** Mean and median are not whole numbers in general, so long columns become double. */
        boolean makesDouble(ColumnType in) {
            if (kind != Kind.NUMERIC || action != Action.FILL) {
                return false;
            }
            if (in == ColumnType.DOUBLE || strategy.equals("MEAN") || strategy.equals("MEDIAN")) {
                return true;
            }
            return value instanceof Double d && d != Math.rint(d);
        }
    }

    @Override
    public String name() {
        return "Missing Values (numeric: " + settings.numericStrategy().name().toLowerCase(Locale.ROOT)
                + ", nominal: " + settings.nominalStrategy().name().toLowerCase(Locale.ROOT) + ")";
    }

    private static Kind kind(ColumnSpec c) {
        return switch (c.type()) {
            case DOUBLE, LONG -> Kind.NUMERIC;
            case STRING -> Kind.NOMINAL;
            case BOOLEAN -> Kind.BOOLEAN;
        };
    }

    /** The unfitted rules for the columns the settings select in {@code spec}. */
    private List<Rule> plan(TableSpec spec) {
        var rules = new ArrayList<Rule>();
        for (ColumnSpec c : Columns.resolve(spec, settings.columns(), x -> true, x -> true, "", "Columns")) {
            Kind kind = kind(c);
            if (kind == Kind.NUMERIC) {
                NumericStrategy s = settings.numericStrategy();
                switch (s) {
                    case NONE -> { }
                    case DROP_ROW -> rules.add(new Rule(c.name(), kind, Action.DROP_ROW, s.name(), null));
                    case CONSTANT -> rules.add(new Rule(c.name(), kind, Action.FILL, s.name(), settings.numericConstant()));
                    default -> rules.add(new Rule(c.name(), kind, Action.FILL, s.name(), null));
                }
            } else {
                NominalStrategy s = settings.nominalStrategy();
                switch (s) {
                    case NONE -> { }
                    case DROP_ROW -> rules.add(new Rule(c.name(), kind, Action.DROP_ROW, s.name(), null));
                    case MOST_FREQUENT -> rules.add(new Rule(c.name(), kind, Action.FILL, s.name(), null));
                    case CONSTANT -> rules.add(new Rule(c.name(), kind, Action.FILL, s.name(), constantFor(c, kind)));
                }
            }
        }
        return rules;
    }

    private Object constantFor(ColumnSpec c, Kind kind) {
        String constant = settings.nominalConstant();
        if (kind == Kind.NOMINAL) {
            return constant;
        }
        String t = constant.strip().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw new InvalidInputException("Boolean column '" + c.name() + "' cannot be filled with the nominal constant '"
                    + constant + "'. Set 'Nominal constant' to true or false, or leave '" + c.name() + "' out of 'Columns'.");
        }
        return Boolean.valueOf(t);
    }

    @Override
    public TransformSpec configure(TableSpec training) {
        List<Rule> rules = plan(training);
        return TransformSpec.of(name(), training, in -> mapSpec(rules, in, name()));
    }

    static TableSpec mapSpec(List<Rule> rules, TableSpec in, String transformName) {
        Columns.requirePresent(in, rules.stream().map(Rule::column).toList(), transformName);
        var out = new ArrayList<ColumnSpec>();
        for (Rule r : rules) {
            ColumnSpec c = in.find(r.column()).orElseThrow();
            if (kind(c) != r.kind()) {
                throw new InvalidInputException("Column '" + c.name() + "' is a " + c.type().label() + " column here, but "
                        + transformName + " was fitted on a " + r.kind().name().toLowerCase(Locale.ROOT)
                        + " column. Convert it back, or refit the transform on this table.");
            }
            if (r.makesDouble(c.type())) {
                out.add(c.withType(ColumnType.DOUBLE));
            } else if (r.kind() == Kind.NOMINAL && r.action() == Action.FILL && r.value() instanceof String fill
                    && !c.domain().isEmpty()) {
                out.add(c.withDomain(withValue(c.domain(), fill)));
            }
        }
        return in.withColumns(out);
    }

    /** The domain with {@code value} added: in sorted position if the domain is sorted, else at the end. */
    static List<String> withValue(List<String> domain, String value) {
        if (domain.contains(value)) {
            return domain;
        }
        var out = new ArrayList<>(domain);
        boolean sorted = true;
        for (int i = 1; i < domain.size() && sorted; i++) {
            sorted = domain.get(i - 1).compareTo(domain.get(i)) < 0;
        }
        out.add(value);
        if (sorted) {
            out.sort(null);
        }
        return out;
    }

    @Override
    public Transform fit(Table training, ExecutionContext context) {
        List<Rule> plan = plan(training.spec());
        var fitted = new ArrayList<Rule>();
        for (int j = 0; j < plan.size(); j++) {
            context.checkCanceled();
            Rule r = plan.get(j);
            if (r.action() == Action.FILL && r.value() == null) {
                Column c = training.column(r.column());
                Object value = switch (r.kind()) {
                    case NUMERIC -> numericStatistic(c, r.strategy());
                    case NOMINAL -> mostFrequent((StringColumn) c);
                    case BOOLEAN -> mostFrequent((BooleanColumn) c);
                };
                r = new Rule(r.column(), r.kind(), r.action(), r.strategy(), value);
            }
            fitted.add(r);
            context.progress((j + 1.0) / plan.size(), "Fitted " + r.column());
        }
        return new Fitted(this, training.spec(), fitted);
    }

    private static double[] presentValues(Column c, String statistic) {
        double[] v = new double[c.size()];
        int n = 0;
        for (int i = 0; i < c.size(); i++) {
            double x = c.getDouble(i);
            if (!Double.isNaN(x)) {
                v[n++] = x;
            }
        }
        if (n == 0) {
            throw noValues(c, statistic);
        }
        return Arrays.copyOf(v, n);
    }

    private static InvalidInputException noValues(Column c, String statistic) {
        return new InvalidInputException("Column '" + c.name() + "' has no values (all " + c.size()
                + " cells are missing), so its " + statistic + " is undefined. Use the CONSTANT strategy, "
                + "or leave the column out of 'Columns' (or remove it with a Column Filter).");
    }

    static double numericStatistic(Column c, String strategy) {
        return switch (strategy) {
            case "MEAN" -> {
                double[] v = presentValues(c, "mean");
                double sum = 0;
                for (double x : v) {
                    sum += x;
                }
                yield sum / v.length;
            }
            case "MEDIAN" -> {
                double[] v = presentValues(c, "median");
                Arrays.sort(v);
                int n = v.length;
                yield n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            }
            case "MOST_FREQUENT" -> {
                double[] v = presentValues(c, "most frequent value");
                Arrays.sort(v);
                // Ascending order makes the first of equally long runs the smallest value, as in scikit-learn.
                double best = v[0];
                int bestRun = 0;
                for (int i = 0; i < v.length;) {
                    int k = i;
                    while (k < v.length && v[k] == v[i]) {
                        k++;
                    }
                    if (k - i > bestRun) {
                        bestRun = k - i;
                        best = v[i];
                    }
                    i = k;
                }
                yield best;
            }
            default -> throw new IllegalArgumentException(strategy);
        };
    }

    static String mostFrequent(StringColumn c) {
        List<String> domain = c.domain();
        int[] counts = new int[domain.size()];
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                counts[c.code(i)]++;
            }
        }
        String best = null;
        int bestCount = 0;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > bestCount || (counts[k] == bestCount && counts[k] > 0 && domain.get(k).compareTo(best) < 0)) {
                best = domain.get(k);
                bestCount = counts[k];
            }
        }
        if (best == null) {
            throw noValues(c, "most frequent value");
        }
        return best;
    }

    static Boolean mostFrequent(BooleanColumn c) {
        int trues = 0;
        int present = 0;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                present++;
                trues += c.get(i) ? 1 : 0;
            }
        }
        if (present == 0) {
            throw noValues(c, "most frequent value");
        }
        return trues > present - trues;
    }

    /** The fitted imputer: drops rows and fills cells with the values learned on the training table. */
    static final class Fitted implements Transform, Persistable {
        static final String FORMAT = "quiver.prep.missing-values";
        static final int VERSION = 1;

        private final MissingValuesLearner learner;
        private final List<Rule> rules;
        private final TransformSpec spec;

        Fitted(MissingValuesLearner learner, TableSpec fittedOn, List<Rule> rules) {
            this.learner = learner;
            this.rules = List.copyOf(rules);
            String name = learner.name();
            this.spec = TransformSpec.of(name, fittedOn, in -> mapSpec(this.rules, in, name));
        }

        @Override
        public TransformSpec spec() {
            return spec;
        }

        @Override
        public TransformLearner learner() {
            return learner;
        }

        List<Rule> rules() {
            return rules;
        }

        /** The learned fill value of a column (Double, String or Boolean), or null if it has none. */
        Object fillValue(String column) {
            return rules.stream().filter(r -> r.column().equals(column) && r.action() == Action.FILL)
                    .map(Rule::value).findFirst().orElse(null);
        }

        @Override
        public Table apply(Table input, ExecutionContext context) {
            TableSpec outSpec = spec.apply(input.spec());
            Table table = dropRows(input);
            var out = new ArrayList<Column>();
            for (Rule r : rules) {
                context.checkCanceled();
                if (r.action() != Action.FILL) {
                    continue;
                }
                Column c = table.column(r.column());
                ColumnSpec target = outSpec.find(r.column()).orElseThrow();
                out.add(switch (r.kind()) {
                    case NUMERIC -> fillNumeric(c, target, (Double) r.value());
                    case NOMINAL -> fillNominal((StringColumn) c, target, (String) r.value());
                    case BOOLEAN -> fillBoolean((BooleanColumn) c, target, (Boolean) r.value());
                });
            }
            return table.withColumns(out);
        }

        private Table dropRows(Table input) {
            BitSet drop = new BitSet();
            for (Rule r : rules) {
                if (r.action() == Action.DROP_ROW) {
                    Column c = input.column(r.column());
                    for (int i = 0; i < c.size(); i++) {
                        if (c.isMissing(i)) {
                            drop.set(i);
                        }
                    }
                }
            }
            if (drop.isEmpty()) {
                return input;
            }
            int[] keep = new int[input.rowCount() - drop.cardinality()];
            int n = 0;
            for (int i = drop.nextClearBit(0); i < input.rowCount(); i = drop.nextClearBit(i + 1)) {
                keep[n++] = i;
            }
            return input.rows(keep);
        }

        private static Column fillNumeric(Column c, ColumnSpec target, double fill) {
            if (target.type() == ColumnType.LONG) {
                LongColumn l = (LongColumn) c;
                long[] v = new long[c.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = l.isMissing(i) ? (long) fill : l.get(i);
                }
                return LongColumn.wrap(target, v, null);
            }
            double[] v = new double[c.size()];
            for (int i = 0; i < v.length; i++) {
                double x = c.getDouble(i);
                v[i] = Double.isNaN(x) ? fill : x;
            }
            return DoubleColumn.wrap(target, v);
        }

        private static Column fillNominal(StringColumn c, ColumnSpec target, String fill) {
            List<String> domain = withValue(c.domain(), fill);
            int[] remap = new int[c.domain().size()];
            for (int k = 0; k < remap.length; k++) {
                remap[k] = domain.indexOf(c.domain().get(k));
            }
            int fillCode = domain.indexOf(fill);
            int[] codes = new int[c.size()];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = c.isMissing(i) ? fillCode : remap[c.code(i)];
            }
            return StringColumn.wrap(target, codes, domain);
        }

        private static Column fillBoolean(BooleanColumn c, ColumnSpec target, boolean fill) {
            BitSet values = new BitSet();
            for (int i = 0; i < c.size(); i++) {
                if (c.isMissing(i) ? fill : c.get(i)) {
                    values.set(i);
                }
            }
            return BooleanColumn.wrap(target, values, null, c.size());
        }

        @Override
        public String formatId() {
            return FORMAT;
        }

        /**
         * Layout version 1 after {@link TransformCodec}'s header: int n, then per rule string column,
         * string kind, string action, string strategy and the value — 'N' none, 'D' double, 'S' string,
         * 'B' boolean.
         */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            TransformCodec.write(out, FORMAT, VERSION, spec.input(), learner.settings, data -> {
                data.writeInt(rules.size());
                for (Rule r : rules) {
                    TransformCodec.string(data, r.column());
                    TransformCodec.string(data, r.kind().name());
                    TransformCodec.string(data, r.action().name());
                    TransformCodec.string(data, r.strategy());
                    writeValue(data, r.value());
                }
            });
        }

        private static void writeValue(DataOutputStream data, Object value) throws IOException {
            if (value == null) {
                data.writeByte('N');
            } else if (value instanceof Double d) {
                data.writeByte('D');
                data.writeDouble(d);
            } else if (value instanceof String s) {
                data.writeByte('S');
                TransformCodec.string(data, s);
            } else if (value instanceof Boolean b) {
                data.writeByte('B');
                data.writeBoolean(b);
            } else {
                throw new IllegalStateException("A fill value of type " + value.getClass().getName());
            }
        }

        private static Object readValue(DataInputStream data) throws IOException {
            int tag = data.readUnsignedByte();
            return switch (tag) {
                case 'N' -> null;
                case 'D' -> data.readDouble();
                case 'S' -> TransformCodec.string(data);
                case 'B' -> data.readBoolean();
                default -> throw new TransformCodec.DamagedException("unknown tag " + tag + " of a fill value");
            };
        }

        static Fitted read(InputStream in) throws IOException {
            return TransformCodec.read(in, FORMAT, VERSION, "Missing Values transform", MissingValuesSettings.defaults(),
                    (data, version, fittedOn, settings) -> {
                        int n = TransformCodec.count(data);
                        var rules = new ArrayList<Rule>(Math.min(n, 1024));
                        for (int i = 0; i < n; i++) {
                            String column = TransformCodec.string(data);
                            Kind kind = Kind.valueOf(TransformCodec.string(data));
                            Action action = Action.valueOf(TransformCodec.string(data));
                            String strategy = TransformCodec.string(data);
                            Object value = readValue(data);
                            Class<?> expected = kind == Kind.NUMERIC ? Double.class
                                    : kind == Kind.NOMINAL ? String.class : Boolean.class;
                            if (action == Action.FILL ? !expected.isInstance(value) : value != null) {
                                throw new TransformCodec.DamagedException("the " + kind.name().toLowerCase(Locale.ROOT)
                                        + " column '" + column + "' has the fill value " + value);
                            }
                            rules.add(new Rule(column, kind, action, strategy, value));
                        }
                        return new Fitted(new MissingValuesLearner(settings), fittedOn, rules);
                    });
        }

        @Override
        public Map<String, Object> details() {
            var perColumn = new LinkedHashMap<String, Object>();
            for (Rule r : rules) {
                perColumn.put(r.column(), r.action() == Action.DROP_ROW ? "drop row"
                        : Map.of("strategy", r.strategy(), "value", r.value()));
            }
            return Map.of("columns", perColumn);
        }
    }
}
