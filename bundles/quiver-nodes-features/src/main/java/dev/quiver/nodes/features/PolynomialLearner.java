package dev.quiver.nodes.features;

import dev.quiver.api.port.TransformCodec;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands numeric columns into all monomials up to a degree, in scikit-learn's PolynomialFeatures
 * order: by degree, and within a degree by the lexicographic order of column-index combinations
 * (itertools.combinations_with_replacement, or combinations for interactions only).
 */
final class PolynomialLearner implements TransformLearner {
    static final String NAME = "Polynomial Features";
    private final PolynomialSettings settings;

    PolynomialLearner(PolynomialSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME + " (degree " + settings.degree() + ")";
    }

    private List<String> columns(TableSpec spec) {
        List<ColumnSpec> cols = Columns.resolve(spec, settings.columns(),
                c -> c.isNumeric() && c.role() == ColumnRole.FEATURE, ColumnSpec::isNumeric, "numeric", "Columns");
        if (cols.isEmpty()) {
            throw new InvalidInputException("There is no numeric feature column to expand (columns: "
                    + TableSpec.names(spec.columns()) + "). Choose columns in 'Columns', or convert columns to numbers first.");
        }
        List<String> names = cols.stream().map(ColumnSpec::name).toList();
        BigInteger count = termCount(names.size(), settings.degree(), settings.interactionOnly(), settings.includeBias());
        if (count.compareTo(BigInteger.valueOf(settings.maxColumns())) > 0) {
            throw new InvalidInputException("Polynomial features of degree " + settings.degree() + " over "
                    + names.size() + " columns would make " + count + " columns, more than the column limit of "
                    + settings.maxColumns() + ". Choose fewer columns, a lower degree or 'Interaction terms only', "
                    + "or raise 'Column limit'.");
        }
        return names;
    }

    /** The number of monomials: Σ_d C(n + d − 1, d) with repetition, Σ_d C(n, d) for interactions only. */
    static BigInteger termCount(int n, int degree, boolean interactionOnly, boolean bias) {
        BigInteger total = BigInteger.ZERO;
        for (int d = bias ? 0 : 1; d <= degree; d++) {
            total = total.add(interactionOnly ? binomial(n, d) : binomial(n + d - 1, d));
        }
        return total;
    }

    private static BigInteger binomial(int n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        BigInteger r = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            r = r.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return r;
    }

    /** Each term as the column indices it multiplies (repeated for powers), in scikit-learn's order. */
    static List<int[]> terms(int n, int degree, boolean interactionOnly, boolean bias) {
        var out = new ArrayList<int[]>();
        for (int d = bias ? 0 : 1; d <= degree; d++) {
            combinations(n, d, interactionOnly, new int[d], 0, 0, out);
        }
        return out;
    }

    private static void combinations(int n, int d, boolean distinct, int[] current, int pos, int from, List<int[]> out) {
        if (pos == d) {
            out.add(current.clone());
            return;
        }
        for (int i = from; i < n; i++) {
            current[pos] = i;
            combinations(n, d, distinct, current, pos + 1, distinct ? i + 1 : i, out);
        }
    }

    /** scikit-learn's feature name: "1", "a", "a^2", "a b", "a^2 b". */
    static String termName(int[] term, List<String> names) {
        if (term.length == 0) {
            return "1";
        }
        var sb = new StringBuilder();
        int i = 0;
        while (i < term.length) {
            int j = i;
            while (j < term.length && term[j] == term[i]) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(names.get(term[i]));
            if (j - i > 1) {
                sb.append('^').append(j - i);
            }
            i = j;
        }
        return sb.toString();
    }

    @Override
    public TransformSpec configure(TableSpec training) {
        List<String> names = columns(training);
        return TransformSpec.of(name(), training, in -> mapSpec(names, in));
    }

    private TableSpec mapSpec(List<String> names, TableSpec in) {
        Columns.requirePresent(in, names, NAME);
        Columns.requireNumeric(in, names, "Polynomial Features");
        var specs = new ArrayList<ColumnSpec>();
        for (int[] term : terms(names.size(), settings.degree(), settings.interactionOnly(), settings.includeBias())) {
            // A degree-1 term is the input column itself and keeps its spec (role, properties).
            ColumnSpec base = term.length == 1 ? in.find(names.get(term[0])).orElseThrow().withType(ColumnType.DOUBLE)
                    : new ColumnSpec(termName(term, names), ColumnType.DOUBLE);
            specs.add(base);
        }
        // The expansion takes the place of the first expanded column; the other inputs are now inside it.
        var replacements = new HashMap<String, List<ColumnSpec>>();
        for (int j = 0; j < names.size(); j++) {
            replacements.put(names.get(j), j == 0 ? specs : List.of());
        }
        return Columns.replaceSpecs(in, replacements);
    }

    @Override
    public Transform fit(Table training, ExecutionContext context) {
        // Nothing is learned from the values: fitting fixes the columns, so new tables expand the same way.
        return new Fitted(this, training.spec(), columns(training.spec()));
    }

    /** The expansion over a fixed list of columns. */
    static final class Fitted implements Transform, Persistable {
        static final String FORMAT = "quiver.features.polynomial";
        static final int VERSION = 1;

        private final PolynomialLearner learner;
        private final List<String> columns;
        private final TransformSpec spec;

        Fitted(PolynomialLearner learner, TableSpec fittedOn, List<String> columns) {
            this.learner = learner;
            this.columns = List.copyOf(columns);
            this.spec = TransformSpec.of(learner.name(), fittedOn, in -> learner.mapSpec(this.columns, in));
        }

        @Override
        public TransformSpec spec() {
            return spec;
        }

        @Override
        public TransformLearner learner() {
            return learner;
        }

        @Override
        public Table apply(Table input, ExecutionContext context) {
            TableSpec outSpec = spec.apply(input.spec());
            PolynomialSettings s = learner.settings;
            List<int[]> terms = terms(columns.size(), s.degree(), s.interactionOnly(), s.includeBias());
            int rows = input.rowCount();
            if (terms.size() > rows) {
                context.warn("The expansion has " + terms.size() + " columns but the table only " + rows
                        + " rows: a linear model can fit such data exactly and will overfit. Use fewer columns, a "
                        + "lower degree, regularisation, or a Feature Selection node afterwards.");
            }
            double[][] x = new double[columns.size()][];
            for (int j = 0; j < x.length; j++) {
                Column c = input.column(columns.get(j));
                x[j] = new double[rows];
                for (int i = 0; i < rows; i++) {
                    x[j][i] = c.getDouble(i);
                }
            }
            var out = new ArrayList<Column>();
            Map<String, double[]> done = new HashMap<>();
            for (int t = 0; t < terms.size(); t++) {
                if (t % 64 == 0) {
                    context.checkCanceled();
                    context.progress((double) t / terms.size(), "Computing term " + (t + 1) + " of " + terms.size());
                }
                int[] term = terms.get(t);
                double[] v = new double[rows];
                if (term.length == 0) {
                    java.util.Arrays.fill(v, 1.0);
                } else {
                    // The first factor times the lower-degree term of the others, already computed: one
                    // multiply per cell, in the order scikit-learn multiplies, so the values agree to the bit.
                    double[] rest = term.length == 1 ? null : done.get(key(term, 1));
                    double[] first = x[term[0]];
                    for (int i = 0; i < rows; i++) {
                        v[i] = rest == null ? first[i] : first[i] * rest[i];
                    }
                }
                done.put(key(term, 0), v);
                out.add(DoubleColumn.wrap(outSpec.column(outSpec.indexOf(
                        term.length == 1 ? columns.get(term[0]) : termName(term, columns))), v));
            }
            var replacements = new HashMap<String, List<Column>>();
            for (int j = 0; j < columns.size(); j++) {
                replacements.put(columns.get(j), j == 0 ? out : List.of());
            }
            return Columns.replaceInPlace(input, replacements);
        }

        private static String key(int[] term, int from) {
            return java.util.Arrays.toString(java.util.Arrays.copyOfRange(term, from, term.length));
        }

        @Override
        public String formatId() {
            return FORMAT;
        }

        /**
         * Layout version 1 after {@link TransformCodec}'s header: strings columns (the expanded columns; the
         * terms follow from them and the settings).
         */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            TransformCodec.write(out, FORMAT, VERSION, spec.input(), learner.settings,
                    data -> TransformCodec.strings(data, columns));
        }

        static Fitted read(InputStream in) throws IOException {
            return TransformCodec.read(in, FORMAT, VERSION, "Polynomial Features transform", PolynomialSettings.defaults(),
                    (data, version, fittedOn, settings) -> new Fitted(new PolynomialLearner(settings), fittedOn,
                            TransformCodec.strings(data)));
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("columns", columns, "degree", learner.settings.degree(),
                    "interactionOnly", learner.settings.interactionOnly(), "includeBias", learner.settings.includeBias());
        }
    }
}
