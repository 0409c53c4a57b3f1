package dev.quiver.nodes.explain;

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
import dev.quiver.api.port.ChartSpec.Mark;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Task;
import dev.quiver.api.settings.Description;
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
import dev.quiver.nodes.eval.evaluation.Scores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/** Permutation feature importance (Breiman 2001; scikit-learn's permutation_importance) for any model. */
@Component(service = NodeFactory.class)
public final class PermutationImportanceNodeFactory
        implements NodeFactory<PermutationImportanceNodeFactory.PermutationImportanceSettings> {

    public static final String ID = "quiver.explain.permutation-importance";

    /** The score whose drop measures importance; computed as the Scorer and Cross-Validate compute it. */
    public enum Metric {
        ACCURACY(true, true), MACRO_F1(true, true), AUC(true, true), LOG_LOSS(true, false), KAPPA(true, true),
        R2(false, true), RMSE(false, false), MAE(false, false);

        final boolean classification;
        final boolean higherIsBetter;

        Metric(boolean classification, boolean higherIsBetter) {
            this.classification = classification;
            this.higherIsBetter = higherIsBetter;
        }
    }

    @Description("The metric, how often each feature is shuffled, and on how many rows.")
    public record PermutationImportanceSettings(
            @Description("ACCURACY, MACRO_F1, AUC (macro one-vs-rest), LOG_LOSS or KAPPA for classifiers; R2, RMSE or"
                    + " MAE for regression. Importance is the worsening of this score when the feature is shuffled.")
            Metric metric,
            @Description("How many times each feature is shuffled; the table reports the mean drop and its standard"
                    + " deviation over the repeats.")
            @Range(min = 1, max = 1000)
            int repeats,
            @Description("At most this many rows are scored (sampled with the seed).")
            @Range(min = 1, max = 10_000_000)
            int maxRows,
            @Tunable(false)
            @Description("Seed of the shuffles and of the row sample.")
            long seed) {

        public PermutationImportanceSettings {
            metric = metric == null ? Metric.ACCURACY : metric;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Permutation Feature Importance",
            "Interpretability",
            "How much worse the model scores when one feature's values are shuffled across rows, which breaks that"
                    + " feature's link with the label while keeping its distribution (Breiman 2001; scikit-learn's"
                    + " `permutation_importance`). importance = baseline score − shuffled score (for losses, shuffled −"
                    + " baseline), averaged over the repeats, with its standard deviation. Works for any model through"
                    + " its predictions. Score it on held-out data to learn what the model relies on to generalise."
                    + " Correlated features share importance: shuffling one leaves its twin to carry the signal, so"
                    + " both may look unimportant.",
            List.of(PortDescriptor.required("model", PortType.MODEL, "The model to explain."),
                    PortDescriptor.required("table", PortType.TABLE, "Rows with the features and the true label.")),
            List.of(PortDescriptor.required("importance", PortType.TABLE,
                    "feature, importance (mean drop), std, rank, by decreasing importance; the baseline score in the"
                            + " `baseline` column.")));

    static final TableSpec SPEC = TableSpec.of(new ColumnSpec("feature", ColumnType.STRING),
            new ColumnSpec("importance", ColumnType.DOUBLE), new ColumnSpec("std", ColumnType.DOUBLE),
            new ColumnSpec("rank", ColumnType.LONG), new ColumnSpec("baseline", ColumnType.DOUBLE));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<PermutationImportanceSettings> settingsType() {
        return PermutationImportanceSettings.class;
    }

    @Override
    public PermutationImportanceSettings defaultSettings() {
        return new PermutationImportanceSettings(Metric.ACCURACY, 5, 10_000, 42L);
    }

    private static void check(ModelSpec model, TableSpec table, Metric metric) {
        boolean classifier = model.task() == Task.CLASSIFICATION;
        if (metric.classification != classifier) {
            throw new InvalidInputException("Metric " + metric + " is for " + (metric.classification ? "classifiers"
                    : "regression models") + ", but the model is " + (classifier ? "a classifier" : "a regression model")
                    + ". Choose " + (classifier ? "ACCURACY, MACRO_F1, AUC, LOG_LOSS or KAPPA" : "R2, RMSE or MAE")
                    + ".");
        }
        if (table != null) {
            ModelFunction.checkSpec(model, table, "input");
            String label = model.label().name();
            var found = table.find(label);
            if (found.isEmpty()) {
                throw new InvalidInputException("The input table lacks the label column '" + label + "' that the"
                        + " metric compares predictions with (available: " + String.join(", ", table.names())
                        + "). Connect a table with the true values.");
            }
            if (classifier && !found.get().isNominal()) {
                throw new InvalidInputException("Label column '" + label + "' is " + found.get().type().label()
                        + ", but the classifier predicts nominal classes. Convert it to strings.");
            }
            if (!classifier && !found.get().isNumeric()) {
                throw new InvalidInputException("Label column '" + label + "' is " + found.get().type().label()
                        + ", but the regression model predicts numbers.");
            }
        }
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, PermutationImportanceSettings settings,
            ConfigureContext context) {
        if (inputs.optional("model", PortSpec.class).orElse(null) instanceof ModelSpec model) {
            PortSpec t = inputs.optional("table", PortSpec.class).orElse(null);
            check(model, t instanceof TableSpec ts ? ts : null, settings.metric());
        }
        return List.of(SPEC);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, PermutationImportanceSettings s, ExecutionContext context) {
        Model model = inputs.get("model", Model.class);
        Table table = inputs.get("table", Table.class);
        ModelSpec spec = model.spec();
        check(spec, table.spec(), s.metric());
        ModelFunction f = new ModelFunction(model);
        f.matrix(table, "input"); // the clear errors for an empty table or a missing feature value
        Table scored = labelled(table, spec, context);
        int[] rows = Numerics.sampleRows(scored.rowCount(), s.maxRows(), s.seed(), "rows", "Max rows", context);
        if (rows.length < scored.rowCount()) {
            scored = scored.rows(rows);
        }
        List<String> features = f.features();
        Table data = scored.select(features);
        Column actual = scored.column(spec.label().name());
        ExecutionContext quiet = new QuietContext(context);
        double baseline = score(s.metric(), spec, actual, model.predict(data, quiet));
        int m = features.size();
        double[] mean = new double[m];
        double[] std = new double[m];
        var random = new SplittableRandom(s.seed());
        int n = data.rowCount();
        int done = 0;
        for (int j = 0; j < m; j++) {
            Column original = data.column(features.get(j));
            double[] drops = new double[s.repeats()];
            for (int r = 0; r < s.repeats(); r++) {
                context.checkCanceled();
                int[] perm = new int[n];
                Arrays.setAll(perm, i -> i);
                for (int i = n - 1; i > 0; i--) {
                    int k = random.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[k];
                    perm[k] = t;
                }
                Table shuffled = data.withColumn(original.select(perm));
                double score = score(s.metric(), spec, actual, model.predict(shuffled, quiet));
                drops[r] = s.metric().higherIsBetter ? baseline - score : score - baseline;
                done++;
                context.progress((double) done / (m * s.repeats()), String.format(Locale.ROOT,
                        "Feature %d of %d, repeat %d of %d", j + 1, m, r + 1, s.repeats()));
            }
            mean[j] = Numerics.mean(drops);
            std[j] = Numerics.std(drops);
        }
        Integer[] order = new Integer[m];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -mean[j]));
        String[] name = new String[m];
        double[] imp = new double[m];
        double[] sd = new double[m];
        long[] rank = new long[m];
        double[] base = new double[m];
        for (int r = 0; r < m; r++) {
            name[r] = features.get(order[r]);
            imp[r] = mean[order[r]];
            sd[r] = std[order[r]];
            rank[r] = r + 1;
            base[r] = baseline;
        }
        Table out = Table.of(StringColumn.of("feature", name), DoubleColumn.of("importance", imp),
                DoubleColumn.of("std", sd), LongColumn.of("rank", rank), DoubleColumn.of("baseline", base));
        return NodeResult.of(out).withChart(ChartSpec.of("importance", String.format(Locale.ROOT,
                "Permutation importance (drop in %s from %.4f, %d repeats)", s.metric().name().toLowerCase(Locale.ROOT),
                baseline, s.repeats()), out, Mark.BAR,
                new Channel("x", "importance", FieldType.QUANTITATIVE, "mean drop in " + s.metric()),
                new Channel("y", "feature", FieldType.ORDINAL, "feature")));
    }

    /** The rows whose label is known (and, for a classifier, one of the model's classes); warns about the others. */
    private static Table labelled(Table table, ModelSpec spec, ExecutionContext context) {
        Column label = table.column(spec.label().name());
        var keep = new ArrayList<Integer>();
        for (int i = 0; i < table.rowCount(); i++) {
            if (label.isMissing(i)) {
                continue;
            }
            if (label instanceof StringColumn sc && !spec.classes().contains(sc.get(i))) {
                continue;
            }
            keep.add(i);
        }
        if (keep.isEmpty()) {
            throw new InvalidInputException("No row of the input table has a label the model knows (label '"
                    + spec.label().name() + "', classes " + String.join(", ", spec.classes())
                    + "). Connect rows with true labels.");
        }
        if (keep.size() == table.rowCount()) {
            return table;
        }
        context.warn(String.format(Locale.ROOT, "Skipped %d of %d rows whose label '%s' is missing or a class the"
                + " model does not know.", table.rowCount() - keep.size(), table.rowCount(), spec.label().name()));
        return table.rows(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    static double score(Metric metric, ModelSpec spec, Column actual, Table predicted) {
        if (!metric.classification) {
            Scores.Regression r = Scores.regression(actual, predicted);
            return switch (metric) {
                case R2 -> r.r2();
                case RMSE -> r.rmse();
                default -> r.mae();
            };
        }
        Scores.Classification c = Scores.classification(spec, actual, predicted);
        return switch (metric) {
            case ACCURACY -> c.accuracy();
            case MACRO_F1 -> c.macroF1();
            case AUC -> c.macroAuc();
            case LOG_LOSS -> c.logLoss();
            default -> c.kappa();
        };
    }
}
