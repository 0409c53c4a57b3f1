package dev.quiver.nodes.features;

import dev.quiver.api.port.TransformCodec;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.features.FeatureSelectSettings.Method;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Scores candidate features and keeps some of them. mRMR is written here rather than taken from
 * Tribuo's tribuo-classification-fs: Tribuo is not an OSGi bundle, and embedding tribuo-core, its
 * classification and fs modules and OLCUT would turn this dependency-free bundle into one of many
 * megabytes for some forty lines of greedy selection; Tribuo also discretises in its own way, so its
 * scores could not be checked against this node's mutual information.
 */
final class FeatureSelectLearner implements TransformLearner {
    static final String NAME = "Feature Selection";
    private final FeatureSelectSettings settings;

    FeatureSelectLearner(FeatureSelectSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME + " (" + settings.method().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
    }

    /** The spec of the scores table, known before any data. */
    static TableSpec scoresSpec(List<String> candidates) {
        return TableSpec.of(ColumnSpec.nominal("feature", ColumnRole.ID, candidates),
                new ColumnSpec("score", ColumnType.DOUBLE), new ColumnSpec("selected", ColumnType.BOOLEAN),
                new ColumnSpec("rank", ColumnType.LONG));
    }

    List<String> candidates(TableSpec spec) {
        String label = settings.needsLabel() ? label(spec).name() : null;
        List<ColumnSpec> cols = Columns.resolve(spec, settings.columns(),
                c -> c.isNumeric() && c.role() == ColumnRole.FEATURE && !c.name().equals(label),
                ColumnSpec::isNumeric, "numeric", "Candidate columns");
        if (cols.isEmpty()) {
            throw new InvalidInputException("There is no numeric feature column to choose from (columns: "
                    + TableSpec.names(spec.columns()) + "). Choose columns in 'Candidate columns', or convert columns "
                    + "to numbers first.");
        }
        if (label != null && cols.stream().anyMatch(c -> c.name().equals(label))) {
            throw new InvalidInputException("The label column '" + label + "' is also a candidate. Remove it from "
                    + "'Candidate columns': a feature that is the label would always be chosen.");
        }
        return cols.stream().map(ColumnSpec::name).toList();
    }

    /** The label column, checked against what the method can use. */
    ColumnSpec label(TableSpec spec) {
        ColumnSpec label;
        if (settings.label().isEmpty()) {
            List<ColumnSpec> labels = spec.filter(c -> c.role() == ColumnRole.LABEL);
            if (labels.size() != 1) {
                throw new InvalidInputException((labels.isEmpty() ? "No column has the role label"
                        : "Several columns have the role label (" + TableSpec.names(labels) + ")") + ", and "
                        + settings.method() + " needs one. Choose the 'Label column'.");
            }
            label = labels.get(0);
        } else {
            label = spec.require(settings.label(), "Label column");
        }
        if (settings.method() == Method.CORRELATION_WITH_TARGET && label.isNominal() && label.domain().size() != 2) {
            throw new InvalidInputException("Label column '" + label.name() + "' is nominal with "
                    + label.domain().size() + " classes (" + String.join(", ", label.domain()) + "), but "
                    + "CORRELATION_WITH_TARGET needs a numeric label or exactly two classes. Use MUTUAL_INFORMATION or "
                    + "MRMR for more classes.");
        }
        if ((settings.method() == Method.MUTUAL_INFORMATION || settings.method() == Method.MRMR)
                && label.type() == ColumnType.DOUBLE) {
            throw new InvalidInputException("Label column '" + label.name() + "' is a double column, but "
                    + settings.method() + " needs classes (a nominal, boolean or whole-number label). Bin it first "
                    + "with a Binning node, or use CORRELATION_WITH_TARGET.");
        }
        return label;
    }

    @Override
    public TransformSpec configure(TableSpec training) {
        List<String> candidates = candidates(training);
        // Which candidates survive depends on the data: the output spec is known once fitted.
        return TransformSpec.of(name(), training, in -> {
            Columns.requirePresent(in, candidates, NAME);
            return in;
        });
    }

    @Override
    public Transform fit(Table training, ExecutionContext context) {
        TableSpec spec = training.spec();
        List<String> names = candidates(spec);
        int n = names.size();
        double[] score = new double[n];
        boolean[] selected = new boolean[n];
        int[] order;
        List<Column> cols = names.stream().map(training::column).toList();
        switch (settings.method()) {
            case VARIANCE_THRESHOLD -> {
                for (int j = 0; j < n; j++) {
                    context.checkCanceled();
                    score[j] = Dependence.variance(cols.get(j));
                    selected[j] = score[j] > settings.varianceThreshold();
                }
                order = byScore(score);
                if (!any(selected)) {
                    throw new InvalidInputException("No feature has a variance above " + settings.varianceThreshold()
                            + " (the largest is " + score[order[0]] + ", of '" + names.get(order[0])
                            + "'). Lower 'Variance threshold'.");
                }
            }
            case CORRELATION_WITH_TARGET -> {
                double[] y = Dependence.doubles(training.column(label(spec).name()));
                for (int j = 0; j < n; j++) {
                    context.checkCanceled();
                    score[j] = Math.abs(Dependence.pearson(Dependence.doubles(cols.get(j)), y));
                }
                order = byScore(score);
                topK(order, score, selected);
            }
            case CORRELATION_FILTER -> order = correlationFilter(cols, score, selected, context);
            case MUTUAL_INFORMATION -> {
                int[] y = Dependence.classes(training.column(label(spec).name()));
                for (int j = 0; j < n; j++) {
                    context.checkCanceled();
                    score[j] = Dependence.mutualInformation(Dependence.discretize(cols.get(j), settings.bins()), y);
                }
                order = byScore(score);
                topK(order, score, selected);
            }
            case MRMR -> order = mrmr(cols, Dependence.classes(training.column(label(spec).name())), score, selected,
                    context);
            default -> throw new IllegalStateException(settings.method().name());
        }
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) {
            rank[order[r]] = r + 1;
        }
        context.progress(1, "Scored " + n + " features");
        return new Fitted(this, spec, names, score, selected, rank);
    }

    private static boolean any(boolean[] b) {
        for (boolean x : b) {
            if (x) {
                return true;
            }
        }
        return false;
    }

    /** Indices by score, highest first, ties and missing scores (last) in column order. */
    private static int[] byScore(double[] score) {
        return IntStream.range(0, score.length).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> Double.isNaN(score[j]) ? Double.NEGATIVE_INFINITY : -score[j])
                        .thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
    }

    private void topK(int[] order, double[] score, boolean[] selected) {
        for (int r = 0; r < Math.min(settings.k(), order.length); r++) {
            // A feature with no score (constant, or no rows) carries no information about the label.
            selected[order[r]] = !Double.isNaN(score[order[r]]);
        }
    }

    /**
     * Walks the candidates in column order and keeps each one unless its |r| with an already kept
     * feature exceeds the threshold: of a redundant pair, the one that comes first stays. Scores are
     * the largest |r| with an earlier kept feature; the ranking lists kept features, then dropped ones.
     */
    private int[] correlationFilter(List<Column> cols, double[] score, boolean[] selected, ExecutionContext context) {
        int n = cols.size();
        double[][] x = cols.stream().map(Dependence::doubles).toArray(double[][]::new);
        var kept = new ArrayList<Integer>();
        for (int j = 0; j < n; j++) {
            context.checkCanceled();
            double max = 0;
            for (int k : kept) {
                double r = Math.abs(Dependence.pearson(x[j], x[k]));
                if (r > max) {
                    max = r;
                }
            }
            score[j] = max;
            selected[j] = !(max > settings.correlationThreshold());
            if (selected[j]) {
                kept.add(j);
            }
            context.progress((j + 1.0) / n, "Compared " + (j + 1) + " of " + n + " features");
        }
        return IntStream.range(0, n).boxed().sorted(Comparator.comparing((Integer j) -> !selected[j])
                .thenComparingInt(j -> j)).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Greedy max-relevance min-redundancy (Peng, Long and Ding 2005, the difference form MID): first the
     * feature with the highest I(f; y), then repeatedly the one maximising I(f; y) − mean over chosen s of
     * I(f; s). The score is that criterion when the feature was chosen; features not chosen keep the
     * criterion after the k-th choice and rank behind the chosen ones by it.
     */
    private int[] mrmr(List<Column> cols, int[] y, double[] score, boolean[] selected, ExecutionContext context) {
        int n = cols.size();
        int[][] codes = new int[n][];
        double[] relevance = new double[n];
        for (int j = 0; j < n; j++) {
            context.checkCanceled();
            codes[j] = Dependence.discretize(cols.get(j), settings.bins());
            relevance[j] = Dependence.mutualInformation(codes[j], y);
        }
        int k = Math.min(settings.k(), n);
        double[] redundancy = new double[n];
        int[] order = new int[n];
        for (int step = 0; step < k; step++) {
            context.checkCanceled();
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (!selected[j]) {
                    double s = relevance[j] - (step == 0 ? 0 : redundancy[j] / step);
                    if (s > bestScore) {
                        best = j;
                        bestScore = s;
                    }
                }
            }
            selected[best] = true;
            score[best] = bestScore;
            order[step] = best;
            for (int j = 0; j < n; j++) {
                if (!selected[j]) {
                    redundancy[j] += Dependence.mutualInformation(codes[j], codes[best]);
                }
            }
            context.progress((step + 1.0) / k, "Chose " + (step + 1) + " of " + k + " features");
        }
        var rest = new ArrayList<Integer>();
        for (int j = 0; j < n; j++) {
            if (!selected[j]) {
                score[j] = relevance[j] - redundancy[j] / k;
                rest.add(j);
            }
        }
        rest.sort(Comparator.comparingDouble((Integer j) -> -score[j]).thenComparingInt(j -> j));
        for (int r = 0; r < rest.size(); r++) {
            order[k + r] = rest.get(r);
        }
        return order;
    }

    /** The fitted selection: which candidates stay, with their scores. */
    static final class Fitted implements Transform, Persistable {
        static final String FORMAT = "quiver.features.feature-selection";
        static final int VERSION = 1;

        private final FeatureSelectLearner learner;
        private final List<String> candidates;
        private final double[] score;
        private final boolean[] selected;
        private final int[] rank;
        private final List<String> kept;
        private final List<String> dropped;
        private final TransformSpec spec;

        Fitted(FeatureSelectLearner learner, TableSpec fittedOn, List<String> candidates, double[] score,
                boolean[] selected, int[] rank) {
            this.learner = learner;
            this.candidates = List.copyOf(candidates);
            this.score = score;
            this.selected = selected;
            this.rank = rank;
            var k = new ArrayList<String>();
            var d = new ArrayList<String>();
            for (int j = 0; j < candidates.size(); j++) {
                (selected[j] ? k : d).add(candidates.get(j));
            }
            this.kept = List.copyOf(k);
            this.dropped = List.copyOf(d);
            String name = learner.name() + ": " + kept.size() + " of " + candidates.size() + " features";
            this.spec = TransformSpec.of(name, fittedOn, in -> {
                Columns.requirePresent(in, kept, NAME);
                return in.without(dropped);
            });
        }

        @Override
        public TransformSpec spec() {
            return spec;
        }

        @Override
        public TransformLearner learner() {
            return learner;
        }

        /** The selected candidates, in table order. */
        List<String> selected() {
            return kept;
        }

        @Override
        public Table apply(Table input, ExecutionContext context) {
            spec.apply(input.spec());
            return input.drop(dropped);
        }

        /** One row per candidate, best rank first: feature, score, selected, rank. */
        Table scores() {
            int n = candidates.size();
            Integer[] byRank = IntStream.range(0, n).boxed().sorted(Comparator.comparingInt(j -> rank[j]))
                    .toArray(Integer[]::new);
            int[] codes = new int[n];
            double[] s = new double[n];
            BitSet sel = new BitSet();
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                int j = byRank[i];
                codes[i] = j;
                s[i] = score[j];
                sel.set(i, selected[j]);
                r[i] = rank[j];
            }
            TableSpec ss = scoresSpec(candidates);
            return Table.of(StringColumn.wrap(ss.column(0), codes, candidates), DoubleColumn.wrap(ss.column(1), s),
                    BooleanColumn.wrap(ss.column(2), sel, null, n), LongColumn.wrap(ss.column(3), r, null));
        }

        @Override
        public String formatId() {
            return FORMAT;
        }

        /**
         * Layout version 1 after {@link TransformCodec}'s header: strings candidates, then per candidate
         * double score (NaN when it has none), boolean selected, int rank.
         */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            TransformCodec.write(out, FORMAT, VERSION, spec.input(), learner.settings, data -> {
                TransformCodec.strings(data, candidates);
                for (int j = 0; j < candidates.size(); j++) {
                    data.writeDouble(score[j]);
                    data.writeBoolean(selected[j]);
                    data.writeInt(rank[j]);
                }
            });
        }

        static Fitted read(InputStream in) throws IOException {
            return TransformCodec.read(in, FORMAT, VERSION, "Feature Selection transform", FeatureSelectSettings.defaults(),
                    (data, version, fittedOn, settings) -> {
                        List<String> candidates = TransformCodec.strings(data);
                        int n = candidates.size();
                        double[] score = new double[n];
                        boolean[] selected = new boolean[n];
                        int[] rank = new int[n];
                        for (int j = 0; j < n; j++) {
                            score[j] = data.readDouble();
                            selected[j] = data.readBoolean();
                            rank[j] = data.readInt();
                        }
                        return new Fitted(new FeatureSelectLearner(settings), fittedOn, candidates, score, selected, rank);
                    });
        }

        @Override
        public Map<String, Object> details() {
            var scores = new LinkedHashMap<String, Object>();
            for (int j = 0; j < candidates.size(); j++) {
                scores.put(candidates.get(j), Double.isNaN(score[j]) ? "missing" : score[j]);
            }
            return Map.of("method", learner.settings.method().name(), "selected", kept, "dropped", dropped,
                    "scores", scores);
        }

        @Override
        public String toString() {
            return spec.name() + " " + Arrays.toString(score);
        }
    }
}
