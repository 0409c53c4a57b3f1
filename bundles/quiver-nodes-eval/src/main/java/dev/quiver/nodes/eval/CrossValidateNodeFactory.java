package dev.quiver.nodes.eval;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.FitJob;
import dev.quiver.api.node.FitResult;
import dev.quiver.api.node.FitUnit;
import dev.quiver.api.node.WorkRunner;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.ChartSpec.Channel;
import dev.quiver.api.port.ChartSpec.FieldType;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Task;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.eval.evaluation.FoldFit;
import dev.quiver.nodes.eval.evaluation.Folds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * K-fold cross-validation of any learner, refitting an optional preprocessing transform inside
 * every fold so that no statistic of a test fold leaks into its training.
 */
@Component(service = NodeFactory.class)
public final class CrossValidateNodeFactory implements NodeFactory<CrossValidateNodeFactory.CrossValidateSettings> {

    public static final String ID = "quiver.model.cross-validate";
    static final String FOLD = "fold";

    @Description("How many folds, how rows are assigned to them, and which columns the learner uses.")
    public record CrossValidateSettings(
            @Label("Folds")
            @Description("k: the rows are split into k folds; each fold is the test set once while the learner is"
                    + " fitted on the other k − 1.")
            @Range(min = 2, max = 100)
            @Tunable(false)
            int folds,
            @Label("Stratified")
            @Description("For classification, deal each class's rows round-robin over the folds (after shuffling),"
                    + " so every fold keeps the class proportions, as scikit-learn's StratifiedKFold.")
            boolean stratified,
            @Label("Label column")
            @Description("The column to predict. Blank = the column with role LABEL, else the last nominal column.")
            @ColumnRef(port = 1, optional = true)
            String labelColumn,
            @Label("Feature columns")
            @Description("The columns the learner uses. Empty = every numeric column with role FEATURE except the"
                    + " label (after the transform, when one is connected).")
            @ColumnRef(port = 1, optional = true)
            List<String> featureColumns,
            @Label("Seed")
            @Description("Seeds the shuffle that assigns rows to folds: the same seed gives the same folds.")
            @Tunable(false)
            long seed) {

        public CrossValidateSettings {
            labelColumn = labelColumn == null ? "" : labelColumn;
            featureColumns = featureColumns == null ? List.of() : List.copyOf(featureColumns);
        }
    }

    static final List<String> CLASSIFICATION_METRICS = List.of("accuracy", "Cohen's kappa", "macro F1", "weighted F1",
            "macro AUC", "log loss");
    static final List<String> REGRESSION_METRICS = List.of("RMSE", "MAE", "R²");
    static final TableSpec SUMMARY_SPEC = TableSpec.of(new ColumnSpec("metric", ColumnType.STRING),
            new ColumnSpec("mean", ColumnType.DOUBLE), new ColumnSpec("std", ColumnType.DOUBLE),
            new ColumnSpec("min", ColumnType.DOUBLE), new ColumnSpec("max", ColumnType.DOUBLE));

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Cross-Validate", "Evaluation",
            "Estimates how well the learner generalises: the rows are split into k folds, and for each fold the"
                    + " learner is fitted on the other folds and scored on this one, so every row is predicted exactly"
                    + " once by a model that never saw it. Connect the **raw** table and, optionally, the `transform`"
                    + " of a preprocessing node (Normalizer, …): its learner is refitted on each training fold and"
                    + " applied to the test fold, which keeps evaluation honest. Outputs: metrics per fold, their mean,"
                    + " standard deviation (ddof = 1), minimum and maximum, and the out-of-fold predictions with their"
                    + " fold. Classification metrics as in the Scorer (macro AUC one-vs-rest, log-loss); regression:"
                    + " RMSE, MAE, R².",
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured learner to evaluate."),
                    PortDescriptor.required("table", PortType.TABLE, "The data, before any fitted preprocessing."),
                    PortDescriptor.optional("transform", PortType.TRANSFORM,
                            "A fitted preprocessing step whose learner is refitted inside each fold.")),
            List.of(PortDescriptor.required("folds", PortType.TABLE, "One row of metrics per fold."),
                    PortDescriptor.required("summary", PortType.TABLE, "Each metric's mean, std, min and max over folds."),
                    PortDescriptor.required("predictions", PortType.TABLE,
                            "The input rows with their out-of-fold prediction columns and fold number.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<CrossValidateSettings> settingsType() {
        return CrossValidateSettings.class;
    }

    @Override
    public CrossValidateSettings defaultSettings() {
        return new CrossValidateSettings(5, true, "", List.of(), 42L);
    }

    static List<String> metricNames(Task task) {
        return task == Task.CLASSIFICATION ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
    }

    static TableSpec foldsSpec(Task task) {
        var cols = new ArrayList<ColumnSpec>();
        cols.add(new ColumnSpec(FOLD, ColumnType.LONG));
        cols.add(new ColumnSpec("train rows", ColumnType.LONG));
        cols.add(new ColumnSpec("test rows", ColumnType.LONG));
        for (String m : metricNames(task)) {
            cols.add(new ColumnSpec(m, ColumnType.DOUBLE));
        }
        return new TableSpec(cols);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, CrossValidateSettings settings, ConfigureContext context) {
        PortSpec learner = inputs.get("learner", PortSpec.class);
        PortSpec table = inputs.get("table", PortSpec.class);
        Optional<PortSpec> transform = inputs.optional("transform", PortSpec.class);
        if (!(learner instanceof LearnerSpec ls)) {
            return List.of(PortSpec.unknown(PortType.TABLE), SUMMARY_SPEC, PortSpec.unknown(PortType.TABLE));
        }
        if (!(table instanceof TableSpec ts) || transform.isPresent() && !(transform.get() instanceof TransformSpec)) {
            return List.of(foldsSpec(ls.task()), SUMMARY_SPEC, PortSpec.unknown(PortType.TABLE));
        }
        TableSpec fitSpec = transform.map(t -> ((TransformSpec) t).apply(ts)).orElse(ts);
        FitColumns columns = FitColumnsResolver.resolve(fitSpec, settings.labelColumn(), settings.featureColumns(),
                ls.task());
        requireInInput(ts, columns.label());
        PortSpec predictions = FitColumnsResolver.modelSpec(ls, fitSpec, columns)
                .<PortSpec>map(m -> predictionsSpec(ts, m))
                .orElse(PortSpec.unknown(PortType.TABLE));
        return List.of(foldsSpec(ls.task()), SUMMARY_SPEC, predictions);
    }

    private static void requireInInput(TableSpec table, String label) {
        if (!table.contains(label)) {
            throw new InvalidInputException("Label column '" + label + "' is made by the transform, but the folds are"
                    + " drawn from the input table, which lacks it (available: " + String.join(", ", table.names())
                    + "). Choose a label column of the input table.");
        }
    }

    static TableSpec predictionsSpec(TableSpec input, ModelSpec model) {
        var cols = new ArrayList<>(input.columns());
        var added = new ArrayList<>(model.predictionColumns());
        added.add(new ColumnSpec(FOLD, ColumnType.LONG));
        for (ColumnSpec c : added) {
            if (input.contains(c.name())) {
                throw new InvalidInputException("The input already has a column named '" + c.name()
                        + "', which Cross-Validate would write. Remove or rename it first (Column Filter).");
            }
        }
        cols.addAll(added);
        return new TableSpec(cols);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, CrossValidateSettings settings, ExecutionContext context) {
        Learner learner = inputs.get("learner", Learner.class);
        Optional<Transform> transform = inputs.optional("transform", Transform.class);
        Table input = inputs.get("table", Table.class);
        Task task = learner.spec().task();
        TableSpec fitSpec = transform.map(t -> t.spec().apply(input.spec())).orElse(input.spec());
        FitColumns columns = FitColumnsResolver.resolve(fitSpec, settings.labelColumn(), settings.featureColumns(), task);
        requireInInput(input.spec(), columns.label());
        Table table = TrainNodeFactory.dropMissingLabels(input, columns.label(), context);
        int k = settings.folds();
        if (table.rowCount() < k) {
            throw new InvalidInputException(table.rowCount() + " labelled rows cannot fill " + k
                    + " folds. Use at most " + table.rowCount() + " folds, or more rows.");
        }
        Optional<StringColumn> strata = task == Task.CLASSIFICATION && settings.stratified()
                ? Optional.of(table.stringColumn(columns.label()))
                : Optional.empty();
        strata.ifPresent(s -> warnSmallClasses(s, k, context));
        int[] fold = Folds.assign(strata, table.rowCount(), k, settings.seed());

        // Every fold is one unit for the execution backend: the local threads, or a cluster that
        // receives the table once and trains the folds wherever it has room.
        var units = new ArrayList<FitUnit>();
        long[] trainRows = new long[k];
        long[] testRows = new long[k];
        for (int f = 0; f < k; f++) {
            int[] trainIdx = Folds.trainRows(fold, f);
            units.add(new FitUnit(learner, trainIdx, Folds.testRows(fold, f)));
            trainRows[f] = trainIdx.length;
            testRows[f] = units.get(f).test().length;
        }
        int[] done = {0};
        context.progress(0, "0 of " + k + " folds");
        var outcomes = context.backend().fitAll(new FitJob(table, columns, transform), units,
                Math.min(k, context.parallelism()), context,
                o -> context.progress((double) ++done[0] / k, done[0] + " of " + k + " folds"));
        context.checkCanceled();
        List<double[]> perFold = new ArrayList<>();
        OutOfFold oof = null;
        for (int f = 0; f < k; f++) {
            WorkRunner.Outcome<FitResult> o = outcomes.get(f);
            if (o.canceled()) {
                throw new CanceledException();
            }
            if (o.failure() != null) {
                throw new InvalidInputException("Fold " + (f + 1) + " of " + k + " failed: " + o.failure());
            }
            FoldFit fit = FoldFit.of(o.value(), table, columns.label(), units.get(f).test());
            if (oof == null) {
                oof = new OutOfFold(fit.spec(), table.rowCount());
            }
            oof.put(units.get(f).test(), fit.predicted(), f);
            perFold.add(fit.metrics());
        }
        context.checkCanceled();

        List<String> names = metricNames(task);
        TableSpec foldsSpec = foldsSpec(task);
        var foldCols = new ArrayList<Column>();
        long[] foldNumbers = new long[k];
        for (int f = 0; f < k; f++) {
            foldNumbers[f] = f + 1;
        }
        foldCols.add(LongColumn.wrap(foldsSpec.column(0), foldNumbers, null));
        foldCols.add(LongColumn.wrap(foldsSpec.column(1), trainRows, null));
        foldCols.add(LongColumn.wrap(foldsSpec.column(2), testRows, null));
        for (int m = 0; m < names.size(); m++) {
            double[] v = new double[k];
            for (int f = 0; f < k; f++) {
                v[f] = perFold.get(f)[m];
            }
            foldCols.add(DoubleColumn.wrap(foldsSpec.column(3 + m), v));
        }
        Table folds = Table.of(foldCols);
        Table summary = summary(names, perFold);
        Table predictions = oof.table(table);
        String headline = names.get(0);
        var chart = ChartSpec.of("metric-per-fold", headline + " per fold", folds.select(FOLD, headline),
                ChartSpec.Mark.BAR, Channel.x(FOLD, FieldType.ORDINAL), Channel.y(headline, FieldType.QUANTITATIVE));
        context.progress(1, k + " folds done");
        return new NodeResult(List.of(folds, summary, predictions), List.of(chart));
    }

    private static void warnSmallClasses(StringColumn labels, int k, ExecutionContext context) {
        int[] counts = new int[labels.domain().size()];
        for (int i = 0; i < labels.size(); i++) {
            counts[labels.code(i)]++;
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0 && counts[c] < k) {
                context.warn("Class '" + labels.domain().get(c) + "' has only " + counts[c] + " rows, fewer than the "
                        + k + " folds: some test folds have none of it.");
            }
        }
    }

    private static Table summary(List<String> names, List<double[]> perFold) {
        int m = names.size();
        double[] mean = new double[m];
        double[] std = new double[m];
        double[] min = new double[m];
        double[] max = new double[m];
        for (int j = 0; j < m; j++) {
            var values = new ArrayList<Double>();
            for (double[] f : perFold) {
                if (!Double.isNaN(f[j])) {
                    values.add(f[j]);
                }
            }
            double s = 0;
            for (double v : values) {
                s += v;
            }
            mean[j] = values.isEmpty() ? Double.NaN : s / values.size();
            double ss = 0;
            for (double v : values) {
                ss += (v - mean[j]) * (v - mean[j]);
            }
            std[j] = values.size() < 2 ? Double.NaN : Math.sqrt(ss / (values.size() - 1));
            min[j] = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            max[j] = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
        return Table.of(StringColumn.of(SUMMARY_SPEC.column(0), names), DoubleColumn.wrap(SUMMARY_SPEC.column(1), mean),
                DoubleColumn.wrap(SUMMARY_SPEC.column(2), std), DoubleColumn.wrap(SUMMARY_SPEC.column(3), min),
                DoubleColumn.wrap(SUMMARY_SPEC.column(4), max));
    }

    /** Out-of-fold predictions gathered back into the input's row order. */
    private static final class OutOfFold {
        private final ModelSpec spec;
        private final int[] predictedCodes;
        private final double[] predictedValues;
        private final double[][] probabilities;
        private final long[] fold;

        OutOfFold(ModelSpec spec, int rows) {
            this.spec = spec;
            this.predictedCodes = new int[rows];
            this.predictedValues = new double[rows];
            this.probabilities = new double[spec.classes().size()][rows];
            this.fold = new long[rows];
        }

        void put(int[] rows, Table predicted, int f) {
            Column prediction = predicted.column(ModelSpec.PREDICTION);
            for (int j = 0; j < rows.length; j++) {
                int row = rows[j];
                fold[row] = f + 1;
                if (prediction instanceof StringColumn s) {
                    predictedCodes[row] = spec.classes().indexOf(s.get(j));
                } else {
                    predictedValues[row] = prediction.getDouble(j);
                }
                for (int c = 0; c < probabilities.length; c++) {
                    probabilities[c][row] = predicted.doubleColumn(ModelSpec.probabilityColumn(spec.classes().get(c)))
                            .get(j);
                }
            }
        }

        Table table(Table input) {
            List<ColumnSpec> specs = spec.predictionColumns();
            var cols = new ArrayList<Column>(input.columns());
            if (spec.task() == Task.CLASSIFICATION) {
                cols.add(StringColumn.wrap(specs.get(0), predictedCodes, spec.classes()));
                for (int c = 0; c < probabilities.length; c++) {
                    cols.add(DoubleColumn.wrap(specs.get(c + 1), probabilities[c]));
                }
            } else {
                cols.add(DoubleColumn.wrap(specs.get(0), predictedValues));
            }
            cols.add(LongColumn.wrap(new ColumnSpec(FOLD, ColumnType.LONG), fold, null));
            predictionsSpec(input.spec(), spec);
            return Table.of(cols);
        }
    }
}
