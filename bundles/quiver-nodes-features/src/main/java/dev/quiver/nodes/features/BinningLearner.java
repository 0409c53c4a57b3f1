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
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.features.BinningSettings.Method;
import dev.quiver.nodes.features.BinningSettings.Output;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Learns bin edges per column and replaces each value by its bin (label or index). */
final class BinningLearner implements TransformLearner {
    static final String NAME = "Binning";
    private final BinningSettings settings;

    BinningLearner(BinningSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME + " (" + settings.method().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
    }

    private List<String> columns(TableSpec spec) {
        List<ColumnSpec> cols = Columns.resolve(spec, settings.columns(),
                c -> c.isNumeric() && c.role() == ColumnRole.FEATURE, ColumnSpec::isNumeric, "numeric", "Columns");
        if (cols.isEmpty()) {
            throw new InvalidInputException("There is no numeric feature column to bin (columns: "
                    + TableSpec.names(spec.columns()) + "). Choose columns in 'Columns', or convert columns to numbers first.");
        }
        return cols.stream().map(ColumnSpec::name).toList();
    }

    @Override
    public TransformSpec configure(TableSpec training) {
        List<String> names = columns(training);
        // Custom edges are known now, so are the labels; learned edges are known after fitting.
        Map<String, List<String>> labels = new LinkedHashMap<>();
        if (settings.method() == Method.CUSTOM) {
            List<String> l = labels(BinningSettings.parseEdges(settings.edges()), false);
            names.forEach(n -> labels.put(n, l));
        }
        return TransformSpec.of(name(), training, in -> mapSpec(names, labels, settings.output(), in));
    }

    static TableSpec mapSpec(List<String> names, Map<String, List<String>> labels, Output output, TableSpec in) {
        Columns.requirePresent(in, names, NAME);
        Columns.requireNumeric(in, names, "Binning");
        return in.withColumns(names.stream().map(n -> {
            ColumnSpec c = in.find(n).orElseThrow();
            return output == Output.INDEX ? c.withType(ColumnType.LONG)
                    : c.withType(ColumnType.STRING).withDomain(labels.getOrDefault(n, List.of()));
        }).toList());
    }

    /** Equal-width edges: numpy's linspace(min, max, bins + 1), the last edge exactly the maximum. */
    static double[] equalWidth(double min, double max, int bins) {
        double[] e = new double[bins + 1];
        double step = (max - min) / bins;
        for (int i = 0; i <= bins; i++) {
            e[i] = i * step + min;
        }
        e[bins] = max;
        return e;
    }

    /**
     * Equal-frequency edges: the percentiles at linspace(0, 100, bins + 1), with edges closer than
     * 1e-8 to the previous one removed, as scikit-learn's KBinsDiscretizer(strategy='quantile').
     */
    static double[] equalFrequency(double[] sorted, int bins) {
        double[] e = new double[bins + 1];
        double step = 100.0 / bins;
        for (int i = 0; i <= bins; i++) {
            e[i] = Numbers.percentile(sorted, i == bins ? 100 : i * step);
        }
        double[] kept = new double[e.length];
        int n = 0;
        for (int i = 0; i < e.length; i++) {
            if (i == 0 || e[i] - kept[n - 1] > 1e-8) {
                kept[n++] = e[i];
            }
        }
        return Arrays.copyOf(kept, n);
    }

    /** The bin of {@code x}: how many inner edges are ≤ x (numpy's searchsorted(inner, x, 'right')). */
    static int bin(double[] edges, double x) {
        int lo = 1;
        int hi = edges.length - 1;
        // Binary search for the first inner edge greater than x.
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /**
     * Interval labels: [a, b) for inner bins and [a, b] for the last. Learned edges open the outer bins
     * to ±inf, since values outside the training range fall into them.
     */
    static List<String> labels(double[] edges, boolean openEnds) {
        for (int digits : new int[] {6, 17}) {
            var out = new ArrayList<String>();
            int n = edges.length - 1;
            for (int k = 0; k < n; k++) {
                boolean first = k == 0 && openEnds;
                boolean last = k == n - 1;
                String lo = first ? "-inf" : Numbers.label(edges[k], digits);
                String hi = last && openEnds ? "inf" : Numbers.label(edges[k + 1], digits);
                out.add((first ? "(" : "[") + lo + ", " + hi + (last && !openEnds ? "]" : ")"));
            }
            if (new HashSet<>(out).size() == out.size()) {
                return out;
            }
        }
        throw new IllegalStateException("Bin labels are not unique: " + Arrays.toString(edges));
    }

    @Override
    public Transform fit(Table training, ExecutionContext context) {
        List<String> names = columns(training.spec());
        var edges = new LinkedHashMap<String, double[]>();
        for (int j = 0; j < names.size(); j++) {
            context.checkCanceled();
            String name = names.get(j);
            if (settings.method() == Method.CUSTOM) {
                edges.put(name, BinningSettings.parseEdges(settings.edges()));
                continue;
            }
            double[] sorted = Numbers.sortedValues(training.column(name));
            if (sorted.length == 0) {
                throw new InvalidInputException("Column '" + name + "' has no values (every cell is missing), so it "
                        + "cannot be binned. Remove it from 'Columns', or fill it with a Missing Values node first.");
            }
            double[] e;
            if (sorted[0] == sorted[sorted.length - 1]) {
                context.warn("Column '" + name + "' is constant (every value is " + sorted[0]
                        + "): it gets a single bin.");
                e = new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
            } else if (settings.method() == Method.EQUAL_WIDTH) {
                e = equalWidth(sorted[0], sorted[sorted.length - 1], settings.bins());
            } else {
                e = equalFrequency(sorted, settings.bins());
                if (e.length - 1 < settings.bins()) {
                    context.warn("Column '" + name + "' has so many equal values that only " + (e.length - 1) + " of "
                            + settings.bins() + " equal-frequency bins have a width above 1e-8; the others were merged.");
                }
            }
            edges.put(name, e);
            context.progress((j + 1.0) / names.size(), "Binned " + name);
        }
        return new Fitted(this, training.spec(), edges);
    }

    /** The fitted edges per column. */
    static final class Fitted implements Transform, Persistable {
        static final String FORMAT = "quiver.features.binning";
        static final int VERSION = 1;

        private final BinningLearner learner;
        private final Map<String, double[]> edges;
        private final Map<String, List<String>> labels = new LinkedHashMap<>();
        private final TransformSpec spec;

        Fitted(BinningLearner learner, TableSpec fittedOn, Map<String, double[]> edges) {
            this.learner = learner;
            this.edges = edges;
            boolean open = learner.settings.method() != Method.CUSTOM;
            edges.forEach((n, e) -> labels.put(n, labels(e, open)));
            List<String> names = List.copyOf(edges.keySet());
            this.spec = TransformSpec.of(learner.name(), fittedOn,
                    in -> mapSpec(names, labels, learner.settings.output(), in));
        }

        @Override
        public TransformSpec spec() {
            return spec;
        }

        @Override
        public TransformLearner learner() {
            return learner;
        }

        double[] edges(String column) {
            return edges.get(column).clone();
        }

        @Override
        public Table apply(Table input, ExecutionContext context) {
            TableSpec outSpec = spec.apply(input.spec());
            boolean custom = learner.settings.method() == Method.CUSTOM;
            var out = new ArrayList<Column>();
            for (var entry : edges.entrySet()) {
                context.checkCanceled();
                double[] e = entry.getValue();
                Column c = input.column(entry.getKey());
                int n = c.size();
                int[] codes = new int[n];
                int outside = 0;
                for (int i = 0; i < n; i++) {
                    double x = c.getDouble(i);
                    if (Double.isNaN(x)) {
                        codes[i] = StringColumn.MISSING;
                    } else if (custom && (x < e[0] || x > e[e.length - 1])) {
                        codes[i] = StringColumn.MISSING;
                        outside++;
                    } else {
                        codes[i] = bin(e, x);
                    }
                }
                if (outside > 0) {
                    context.warn(outside + " value(s) of column '" + c.name() + "' lie outside the custom edges ["
                            + Numbers.label(e[0], 17) + ", " + Numbers.label(e[e.length - 1], 17)
                            + "] and became missing. Add -inf and inf as outer edges to keep them.");
                }
                ColumnSpec s = outSpec.find(c.name()).orElseThrow();
                if (learner.settings.output() == Output.INDEX) {
                    long[] v = new long[n];
                    var missing = new java.util.BitSet();
                    for (int i = 0; i < n; i++) {
                        v[i] = codes[i];
                        if (codes[i] == StringColumn.MISSING) {
                            missing.set(i);
                            v[i] = 0;
                        }
                    }
                    out.add(LongColumn.wrap(s, v, missing));
                } else {
                    out.add(StringColumn.wrap(s, codes, labels.get(c.name())));
                }
            }
            return input.withColumns(out);
        }

        @Override
        public String formatId() {
            return FORMAT;
        }

        /**
         * Layout version 1 after {@link TransformCodec}'s header: the edges, as {@code columnDoubles} (each
         * binned column with its edges; the labels follow from them).
         */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            TransformCodec.write(out, FORMAT, VERSION, spec.input(), learner.settings,
                    data -> TransformCodec.columnDoubles(data, edges));
        }

        static Fitted read(InputStream in) throws IOException {
            return TransformCodec.read(in, FORMAT, VERSION, "Binning transform", BinningSettings.defaults(),
                    (data, version, fittedOn, settings) -> {
                        Map<String, double[]> edges = TransformCodec.columnDoubles(data);
                        for (var e : edges.entrySet()) {
                            double[] v = e.getValue();
                            if (v.length < 2) {
                                throw new TransformCodec.DamagedException("column '" + e.getKey() + "' has "
                                        + v.length + " edge(s), not at least two");
                            }
                            for (int i = 1; i < v.length; i++) {
                                // Written as a negation so that NaN edges fail too.
                                if (!(v[i] > v[i - 1])) {
                                    throw new TransformCodec.DamagedException("the edges of '" + e.getKey()
                                            + "' do not increase: " + Arrays.toString(v));
                                }
                            }
                        }
                        return new Fitted(new BinningLearner(settings), fittedOn, edges);
                    });
        }

        @Override
        public Map<String, Object> details() {
            var perColumn = new LinkedHashMap<String, Object>();
            edges.forEach((n, e) -> perColumn.put(n, Arrays.stream(e).boxed().toList()));
            return Map.of("edges", perColumn);
        }
    }
}
