package dev.quiver.nodes.eval;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.ChartSpec.Channel;
import dev.quiver.api.port.ChartSpec.FieldType;
import dev.quiver.api.port.ChartSpec.Layer;
import dev.quiver.api.port.ChartSpec.Mark;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.eval.evaluation.ClassificationMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/** Compares predicted with actual classes: accuracy, per-class scores, confusion matrix, ROC and log-loss. */
@Component(service = NodeFactory.class)
public final class ScorerNodeFactory implements NodeFactory<ScorerNodeFactory.ScorerSettings> {

    public static final String ID = "quiver.eval.scorer";

    @Description("Which column holds the true classes and which the predicted ones.")
    public record ScorerSettings(
            @Label("Actual column")
            @Description("The column with the true classes. Blank = the column named in the prediction column's"
                    + " `label` property (set by Predict), else the column with role LABEL.")
            @ColumnRef(types = ColumnType.STRING, optional = true)
            String actualColumn,
            @Label("Predicted column")
            @Description("The column with the predicted classes, `prediction` when it comes from Predict.")
            @ColumnRef(types = ColumnType.STRING)
            String predictedColumn,
            @Label("Bootstrap resamples")
            @Description("Resample the scored rows with replacement this many times and report percentile"
                    + " confidence intervals for accuracy and macro F1: how much the numbers would move on another"
                    + " sample of the same size. 0 turns the intervals off.")
            @Range(min = 0, max = 100_000)
            @Tunable(false)
            int bootstrapResamples,
            @Label("Confidence level")
            @Description("Coverage of the bootstrap intervals: 0.95 reports the 2.5th and 97.5th percentiles.")
            @Range(min = 0.5, max = 0.999)
            @Tunable(false)
            double confidenceLevel,
            @Description("Seed of the bootstrap resampling: the same seed gives the same intervals.")
            @Tunable(false)
            long seed) {

        public ScorerSettings {
            actualColumn = actualColumn == null ? "" : actualColumn;
            predictedColumn = predictedColumn == null || predictedColumn.isBlank() ? ModelSpec.PREDICTION : predictedColumn;
        }
    }

    static final TableSpec METRICS_SPEC = TableSpec.of(new ColumnSpec("metric", ColumnType.STRING),
            new ColumnSpec("value", ColumnType.DOUBLE));
    static final TableSpec CLASSES_SPEC = TableSpec.of(new ColumnSpec("class", ColumnType.STRING),
            new ColumnSpec("precision", ColumnType.DOUBLE), new ColumnSpec("recall", ColumnType.DOUBLE),
            new ColumnSpec("f1", ColumnType.DOUBLE), new ColumnSpec("support", ColumnType.LONG),
            new ColumnSpec("TP", ColumnType.LONG), new ColumnSpec("FP", ColumnType.LONG),
            new ColumnSpec("FN", ColumnType.LONG));
    static final TableSpec ROC_SPEC = TableSpec.of(new ColumnSpec("class", ColumnType.STRING),
            new ColumnSpec("fpr", ColumnType.DOUBLE), new ColumnSpec("tpr", ColumnType.DOUBLE),
            new ColumnSpec("threshold", ColumnType.DOUBLE));
    static final String ACTUAL = "actual";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Scorer", "Evaluation",
            "Scores a classifier's predictions against the true classes. `metrics`: accuracy, error rate, Cohen's"
                    + " kappa, macro and weighted precision, recall and F1, rows scored, percentile-bootstrap"
                    + " confidence intervals for accuracy and macro F1 (the rows resampled with replacement), and, when the table has"
                    + " `P(<class>)` columns, the one-vs-rest AUC per class, their macro mean and the log-loss."
                    + " `classes`: precision, recall, F1, support, TP, FP, FN per class. `confusion`: one row per"
                    + " actual class, one count column per predicted class. `roc`: the ROC curve points per class."
                    + " Like scikit-learn with `zero_division=0`, a ratio whose denominator is zero is 0; macro"
                    + " averages run over the classes that occur among the actual or predicted values. Rows with"
                    + " a missing actual or predicted class are skipped with a warning.",
            List.of(PortDescriptor.required("table", PortType.TABLE, "Rows with actual and predicted classes.")),
            List.of(PortDescriptor.required("metrics", PortType.TABLE, "Overall metrics: metric, value."),
                    PortDescriptor.required("classes", PortType.TABLE, "Per-class precision, recall, F1 and counts."),
                    PortDescriptor.required("confusion", PortType.TABLE, "Confusion matrix: actual × predicted counts."),
                    PortDescriptor.required("roc", PortType.TABLE,
                            "ROC curve points (class, fpr, tpr, threshold); empty without probability columns.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ScorerSettings> settingsType() {
        return ScorerSettings.class;
    }

    @Override
    public ScorerSettings defaultSettings() {
        return new ScorerSettings("", ModelSpec.PREDICTION, 1000, 0.95, 42);
    }

    /** The two columns compared and the classes of the confusion matrix. */
    record Columns(ColumnSpec actual, ColumnSpec predicted, List<String> classes) {
    }

    static Columns columns(TableSpec table, ScorerSettings settings) {
        ColumnSpec predicted = table.require(settings.predictedColumn(), "Predicted column");
        ColumnSpec actual = actualColumn(table, settings, predicted);
        if (actual.name().equals(predicted.name())) {
            throw new InvalidInputException("Actual and predicted column are both '" + actual.name()
                    + "'. Choose the column with the true classes as the actual column.");
        }
        requireNominal(actual, "Actual column");
        requireNominal(predicted, "Predicted column");
        var classes = new LinkedHashSet<String>(actual.domain());
        classes.addAll(predicted.domain());
        if (classes.contains(ACTUAL)) {
            throw new InvalidInputException("A class is named '" + ACTUAL + "', which clashes with the confusion"
                    + " matrix's row-label column. Rename that class first.");
        }
        return new Columns(actual, predicted, List.copyOf(classes));
    }

    private static ColumnSpec actualColumn(TableSpec table, ScorerSettings settings, ColumnSpec predicted) {
        if (!settings.actualColumn().isBlank()) {
            return table.require(settings.actualColumn(), "Actual column");
        }
        String label = predicted.properties().get("label");
        if (label != null && table.contains(label)) {
            return table.require(label, "Actual column");
        }
        return table.columns().stream().filter(c -> c.role() == ColumnRole.LABEL).findFirst()
                .orElseThrow(() -> new InvalidInputException("No actual column: the predicted column '" + predicted.name()
                        + "' names no label column of this table and no column has role LABEL (available: "
                        + String.join(", ", table.names()) + "). Choose the actual column."));
    }

    private static void requireNominal(ColumnSpec c, String purpose) {
        if (!c.isNominal()) {
            throw new InvalidInputException(purpose + " '" + c.name() + "' is " + c.type().label()
                    + ", but the Scorer compares nominal classes. Choose a nominal (string) column, or convert this one"
                    + " to strings first.");
        }
    }

    static TableSpec confusionSpec(List<String> classes) {
        var cols = new ArrayList<ColumnSpec>();
        cols.add(new ColumnSpec(ACTUAL, ColumnType.STRING));
        for (String c : classes) {
            cols.add(new ColumnSpec(c, ColumnType.LONG));
        }
        return new TableSpec(cols);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, ScorerSettings settings, ConfigureContext context) {
        if (!(inputs.get("table", PortSpec.class) instanceof TableSpec table)) {
            return List.of(METRICS_SPEC, CLASSES_SPEC, PortSpec.unknown(PortType.TABLE), ROC_SPEC);
        }
        Columns cols = columns(table, settings);
        // Without known domains the confusion matrix's columns are only known once the data is seen.
        PortSpec confusion = cols.actual().domain().isEmpty() || cols.predicted().domain().isEmpty()
                ? PortSpec.unknown(PortType.TABLE)
                : confusionSpec(cols.classes());
        return List.of(METRICS_SPEC, CLASSES_SPEC, confusion, ROC_SPEC);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, ScorerSettings settings, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        Columns cols = columns(table.spec(), settings);
        List<String> classes = cols.classes();
        StringColumn actual = table.stringColumn(cols.actual().name());
        StringColumn predicted = table.stringColumn(cols.predicted().name());
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        int[] a = new int[table.rowCount()];
        int[] p = new int[table.rowCount()];
        int[] rows = new int[table.rowCount()];
        int n = 0;
        for (int i = 0; i < table.rowCount(); i++) {
            if (!actual.isMissing(i) && !predicted.isMissing(i)) {
                a[n] = index.get(actual.get(i));
                p[n] = index.get(predicted.get(i));
                rows[n++] = i;
            }
        }
        if (n == 0) {
            throw new InvalidInputException("No row has both an actual ('" + actual.name() + "') and a predicted ('"
                    + predicted.name() + "') class, so there is nothing to score. Check the two columns.");
        }
        if (n < table.rowCount()) {
            context.warn("Skipped " + (table.rowCount() - n) + " of " + table.rowCount()
                    + " rows whose actual or predicted class is missing.");
        }
        a = java.util.Arrays.copyOf(a, n);
        p = java.util.Arrays.copyOf(p, n);
        rows = java.util.Arrays.copyOf(rows, n);
        context.checkCanceled();
        ClassificationMetrics m = ClassificationMetrics.of(classes, a, p);

        var names = new ArrayList<String>();
        var values = new ArrayList<Double>();
        addMetric(names, values, "accuracy", m.accuracy());
        addMetric(names, values, "error rate", 1 - m.accuracy());
        addMetric(names, values, "Cohen's kappa", m.kappa());
        addMetric(names, values, "macro precision", m.macro(m::precision));
        addMetric(names, values, "macro recall", m.macro(m::recall));
        addMetric(names, values, "macro F1", m.macro(m::f1));
        addMetric(names, values, "weighted precision", m.weighted(m::precision));
        addMetric(names, values, "weighted recall", m.weighted(m::recall));
        addMetric(names, values, "weighted F1", m.weighted(m::f1));
        addMetric(names, values, "rows scored", m.scored());
        if (settings.bootstrapResamples() > 0) {
            double[][] ci = bootstrap(classes, a, p, settings, context.subProgress(0, 0.8));
            String level = percent(settings.confidenceLevel());
            addMetric(names, values, "accuracy CI low (" + level + ")", ci[0][0]);
            addMetric(names, values, "accuracy CI high (" + level + ")", ci[0][1]);
            addMetric(names, values, "macro F1 CI low (" + level + ")", ci[1][0]);
            addMetric(names, values, "macro F1 CI high (" + level + ")", ci[1][1]);
        }

        List<ChartSpec> charts = new ArrayList<>();
        Table roc = probabilityMetrics(table, classes, a, rows, names, values, context);

        Table metrics = Table.of(StringColumn.of(METRICS_SPEC.column(0), names),
                DoubleColumn.wrap(METRICS_SPEC.column(1), values.stream().mapToDouble(Double::doubleValue).toArray()));
        Table perClass = perClassTable(m);
        Table confusion = confusionTable(m);
        charts.add(confusionChart(m));
        charts.add(ChartSpec.of("f1-per-class", "F1 per class", perClass.select("class", "f1"), Mark.BAR,
                Channel.x("class", FieldType.NOMINAL), Channel.y("f1", FieldType.QUANTITATIVE)));
        if (roc.rowCount() > 0) {
            charts.add(ChartSpec.of("roc", "ROC curves (one class vs rest)", roc, Mark.LINE,
                    Channel.x("fpr", FieldType.QUANTITATIVE), Channel.y("tpr", FieldType.QUANTITATIVE),
                    Channel.color("class", FieldType.NOMINAL)));
        }
        context.progress(1, "Scored " + n + " rows");
        return new NodeResult(List.of(metrics, perClass, confusion, roc), charts);
    }

    /**
     * Percentile bootstrap: resample the scored rows with replacement, recompute accuracy and macro
     * F1 each time, and take the (1 − level)/2 and (1 + level)/2 quantiles (linear interpolation, as
     * numpy's default). Returns {{accuracy low, high}, {macro F1 low, high}}.
     */
    static double[][] bootstrap(List<String> classes, int[] actual, int[] predicted, ScorerSettings settings,
            ExecutionContext context) {
        int n = actual.length;
        int b = settings.bootstrapResamples();
        var random = new java.util.SplittableRandom(settings.seed());
        double[] accuracy = new double[b];
        double[] macroF1 = new double[b];
        int[] ra = new int[n];
        int[] rp = new int[n];
        for (int r = 0; r < b; r++) {
            if (r % 100 == 0) {
                context.checkCanceled();
                context.progress((double) r / b, "Bootstrap resample " + r + " of " + b);
            }
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                ra[i] = actual[j];
                rp[i] = predicted[j];
            }
            ClassificationMetrics m = ClassificationMetrics.of(classes, ra, rp);
            accuracy[r] = m.accuracy();
            macroF1[r] = m.macro(m::f1);
        }
        double lo = (1 - settings.confidenceLevel()) / 2;
        double hi = 1 - lo;
        java.util.Arrays.sort(accuracy);
        java.util.Arrays.sort(macroF1);
        return new double[][] {{quantile(accuracy, lo), quantile(accuracy, hi)}, {quantile(macroF1, lo), quantile(macroF1, hi)}};
    }

    /** Quantile of sorted values with linear interpolation between order statistics. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    private static String percent(double level) {
        double pct = Math.round(level * 1000) / 10.0; // 0.95 → 95, 0.975 → 97.5, without floating-point tails
        return (pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct)) + "%";
    }

    private static void addMetric(List<String> names, List<Double> values, String name, double value) {
        names.add(name);
        values.add(value);
    }

    /**
     * Adds AUC and log-loss rows when the table has {@code P(<class>)} columns and returns the ROC
     * points (an empty table with the ROC spec when it has none).
     */
    private static Table probabilityMetrics(Table table, List<String> classes, int[] actual, int[] rows,
            List<String> names, List<Double> values, ExecutionContext context) {
        var probColumns = new ArrayList<Optional<Column>>();
        boolean any = false;
        for (String c : classes) {
            Optional<Column> col = table.spec().find(ModelSpec.probabilityColumn(c)).filter(ColumnSpec::isNumeric)
                    .map(s -> table.column(s.name()));
            probColumns.add(col);
            any |= col.isPresent();
        }
        if (!any) {
            return Table.empty(ROC_SPEC);
        }
        // Rows with a missing probability cannot be ranked; they are left out of AUC and log-loss only.
        int[] use = java.util.Arrays.stream(java.util.stream.IntStream.range(0, rows.length).toArray())
                .filter(i -> probColumns.stream().flatMap(Optional::stream).noneMatch(c -> c.isMissing(rows[i])))
                .toArray();
        if (use.length < rows.length) {
            context.warn("Left " + (rows.length - use.length) + " rows with a missing probability out of AUC and log-loss.");
        }
        var rocClass = new ArrayList<String>();
        var fpr = new ArrayList<Double>();
        var tpr = new ArrayList<Double>();
        var thr = new ArrayList<Double>();
        double aucSum = 0;
        int aucCount = 0;
        for (int k = 0; k < classes.size(); k++) {
            if (probColumns.get(k).isEmpty()) {
                continue;
            }
            Column col = probColumns.get(k).get();
            boolean[] positive = new boolean[use.length];
            double[] score = new double[use.length];
            for (int j = 0; j < use.length; j++) {
                positive[j] = actual[use[j]] == k;
                score[j] = col.getDouble(rows[use[j]]);
            }
            ClassificationMetrics.Roc roc = ClassificationMetrics.roc(positive, score);
            if (roc == null) {
                context.warn("No AUC for class '" + classes.get(k) + "': the scored rows contain "
                        + (use.length == 0 || !positive[0] ? "no row of that class" : "only rows of that class") + ".");
                continue;
            }
            addMetric(names, values, "AUC " + classes.get(k) + " vs rest", roc.auc());
            aucSum += roc.auc();
            aucCount++;
            for (int i = 0; i < roc.fpr().length; i++) {
                rocClass.add(classes.get(k));
                fpr.add(roc.fpr()[i]);
                tpr.add(roc.tpr()[i]);
                thr.add(roc.thresholds()[i]);
            }
        }
        if (aucCount > 0) {
            addMetric(names, values, "macro AUC", aucSum / aucCount);
        }
        boolean allClassesHaveProbabilities = true;
        for (int j : use) {
            allClassesHaveProbabilities &= probColumns.get(actual[j]).isPresent();
        }
        if (use.length > 0 && allClassesHaveProbabilities) {
            var present = new ArrayList<Integer>();
            for (int k = 0; k < classes.size(); k++) {
                if (probColumns.get(k).isPresent()) {
                    present.add(k);
                }
            }
            double[][] probs = new double[use.length][present.size()];
            int[] truth = new int[use.length];
            for (int j = 0; j < use.length; j++) {
                for (int q = 0; q < present.size(); q++) {
                    probs[j][q] = probColumns.get(present.get(q)).get().getDouble(rows[use[j]]);
                }
                truth[j] = present.indexOf(actual[use[j]]);
            }
            addMetric(names, values, "log loss", ClassificationMetrics.logLoss(probs, truth));
        } else if (use.length > 0) {
            context.warn("No log-loss: some actual classes have no probability column P(<class>).");
        }
        return Table.of(StringColumn.of(ROC_SPEC.column(0), rocClass),
                DoubleColumn.wrap(ROC_SPEC.column(1), fpr.stream().mapToDouble(Double::doubleValue).toArray()),
                DoubleColumn.wrap(ROC_SPEC.column(2), tpr.stream().mapToDouble(Double::doubleValue).toArray()),
                DoubleColumn.wrap(ROC_SPEC.column(3), thr.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private static Table perClassTable(ClassificationMetrics m) {
        int c = m.classes().size();
        double[] precision = new double[c];
        double[] recall = new double[c];
        double[] f1 = new double[c];
        long[] support = new long[c];
        long[] tp = new long[c];
        long[] fp = new long[c];
        long[] fn = new long[c];
        for (int k = 0; k < c; k++) {
            precision[k] = m.precision(k);
            recall[k] = m.recall(k);
            f1[k] = m.f1(k);
            support[k] = m.support(k);
            tp[k] = m.truePositives(k);
            fp[k] = m.falsePositives(k);
            fn[k] = m.falseNegatives(k);
        }
        return Table.of(StringColumn.of(CLASSES_SPEC.column(0), m.classes()),
                DoubleColumn.wrap(CLASSES_SPEC.column(1), precision), DoubleColumn.wrap(CLASSES_SPEC.column(2), recall),
                DoubleColumn.wrap(CLASSES_SPEC.column(3), f1), LongColumn.wrap(CLASSES_SPEC.column(4), support, null),
                LongColumn.wrap(CLASSES_SPEC.column(5), tp, null), LongColumn.wrap(CLASSES_SPEC.column(6), fp, null),
                LongColumn.wrap(CLASSES_SPEC.column(7), fn, null));
    }

    private static Table confusionTable(ClassificationMetrics m) {
        List<String> classes = m.classes();
        TableSpec spec = confusionSpec(classes);
        var cols = new ArrayList<Column>();
        cols.add(StringColumn.of(spec.column(0), classes));
        for (int q = 0; q < classes.size(); q++) {
            long[] counts = new long[classes.size()];
            for (int k = 0; k < classes.size(); k++) {
                counts[k] = m.count(k, q);
            }
            cols.add(LongColumn.wrap(spec.column(q + 1), counts, null));
        }
        return Table.of(cols);
    }

    private static ChartSpec confusionChart(ClassificationMetrics m) {
        List<String> classes = m.classes();
        var actual = new ArrayList<String>();
        var predicted = new ArrayList<String>();
        long[] counts = new long[classes.size() * classes.size()];
        int i = 0;
        for (int k = 0; k < classes.size(); k++) {
            for (int q = 0; q < classes.size(); q++) {
                actual.add(classes.get(k));
                predicted.add(classes.get(q));
                counts[i++] = m.count(k, q);
            }
        }
        Table data = Table.of(StringColumn.of(new ColumnSpec("actual", ColumnType.STRING), actual),
                StringColumn.of(new ColumnSpec("predicted", ColumnType.STRING), predicted),
                LongColumn.wrap(new ColumnSpec("count", ColumnType.LONG), counts, null));
        Channel x = Channel.x("predicted", FieldType.NOMINAL);
        Channel y = Channel.y("actual", FieldType.NOMINAL);
        return new ChartSpec("confusion-matrix", "Confusion matrix (rows: actual, columns: predicted)", data, List.of(
                new Layer(Mark.RECT, List.of(x, y, Channel.color("count", FieldType.QUANTITATIVE))),
                new Layer(Mark.TEXT, List.of(x, y, new Channel("text", "count", FieldType.QUANTITATIVE, "count")))));
    }
}
