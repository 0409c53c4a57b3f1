package dev.quiver.nodes.explain;

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
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/** LIME: a weighted linear model fitted to the model's outputs on perturbations around each row. */
@Component(service = NodeFactory.class)
public final class LimeNodeFactory implements NodeFactory<LimeNodeFactory.LimeSettings> {

    public static final String ID = "quiver.explain.lime";

    @Description("What to explain and how the local neighbourhood is sampled.")
    public record LimeSettings(
            @Label("Target class")
            @Description("The class whose probability is explained. Blank: the second (positive) class of a binary"
                    + " model, else each row's predicted class.")
            String targetClass,
            @Label("Features per explanation")
            @Description("K: how many features the local linear model keeps.")
            @Range(min = 1, max = 1000)
            int features,
            @Label("Feature selection")
            @Description("How the K features are chosen: AUTO (forward selection up to 6, else highest weights),"
                    + " FORWARD_SELECTION, HIGHEST_WEIGHTS or NONE.")
            Lime.Selection selection,
            @Description("Perturbations per row (the row itself is the first).")
            @Range(min = 10, max = 1_000_000)
            int samples,
            @Label("Kernel width")
            @Description("Width of the exponential kernel on the standardised distance; 0 = 0.75·√M, the reference"
                    + " default. Smaller is more local.")
            @Range(min = 0, max = 1e6)
            double kernelWidth,
            @Label("Ridge alpha")
            @Description("L2 penalty of the explanation's weighted ridge regression (the reference uses 1).")
            @Range(min = 0, max = 1e6)
            double alpha,
            @Label("Rows to explain")
            @Description("At most this many rows are explained (sampled with the seed).")
            @Range(min = 1, max = 100_000)
            int maxRows,
            @Tunable(false)
            @Description("Seed of the perturbations.")
            long seed) {

        public LimeSettings {
            targetClass = targetClass == null ? "" : targetClass.trim();
            selection = selection == null ? Lime.Selection.AUTO : selection;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "LIME", "Interpretability",
            "Local Interpretable Model-agnostic Explanations (Ribeiro et al. 2016) for any model, through its"
                    + " predictions: around each row, sample perturbations z = x + σ·ε (σ the training table's standard"
                    + " deviations, ε standard normal), weight them by an exponential kernel on their standardised"
                    + " distance to the row, and fit a weighted ridge regression of the model's probability on the"
                    + " standardised features, keeping the top K. Weights are per standard deviation; R² says how well"
                    + " the line fits the model near the row (a low R² means the explanation is not faithful there)."
                    + " Tribuo's own LIME needs Tribuo models and its own API; this one works for every model.",
            List.of(PortDescriptor.required("model", PortType.MODEL, "The model to explain."),
                    PortDescriptor.required("rows", PortType.TABLE, "The rows to explain."),
                    PortDescriptor.required("training", PortType.TABLE,
                            "Data for the feature means and standard deviations (typically the training table).")),
            List.of(PortDescriptor.required("explanations", PortType.TABLE,
                            "row, class, rank, feature, value, weight: the top features of each row."),
                    PortDescriptor.required("fit", PortType.TABLE,
                            "row, class, intercept, local_prediction, model_prediction, r2 per row.")));

    static final TableSpec EXPLANATIONS_SPEC = TableSpec.of(new ColumnSpec("row", ColumnType.LONG),
            new ColumnSpec("class", ColumnType.STRING), new ColumnSpec("rank", ColumnType.LONG),
            new ColumnSpec("feature", ColumnType.STRING), new ColumnSpec("value", ColumnType.DOUBLE),
            new ColumnSpec("weight", ColumnType.DOUBLE));
    static final TableSpec FIT_SPEC = TableSpec.of(new ColumnSpec("row", ColumnType.LONG),
            new ColumnSpec("class", ColumnType.STRING), new ColumnSpec("intercept", ColumnType.DOUBLE),
            new ColumnSpec("local_prediction", ColumnType.DOUBLE), new ColumnSpec("model_prediction", ColumnType.DOUBLE),
            new ColumnSpec("r2", ColumnType.DOUBLE));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<LimeSettings> settingsType() {
        return LimeSettings.class;
    }

    @Override
    public LimeSettings defaultSettings() {
        return new LimeSettings("", 10, Lime.Selection.AUTO, 5000, 0, 1.0, 20, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, LimeSettings settings, ConfigureContext context) {
        if (inputs.optional("model", PortSpec.class).orElse(null) instanceof ModelSpec model) {
            Target.checkClass(model, settings.targetClass());
            if (inputs.optional("rows", PortSpec.class).orElse(null) instanceof TableSpec rows) {
                ModelFunction.checkSpec(model, rows, "rows");
            }
            if (inputs.optional("training", PortSpec.class).orElse(null) instanceof TableSpec training) {
                ModelFunction.checkSpec(model, training, "training");
            }
        }
        return List.of(EXPLANATIONS_SPEC, FIT_SPEC);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, LimeSettings s, ExecutionContext context) {
        Model model = inputs.get("model", Model.class);
        Target.checkClass(model.spec(), s.targetClass());
        ModelFunction f = new ModelFunction(model);
        double[][] xAll = f.matrix(inputs.get("rows", Table.class), "rows");
        double[][] train = f.matrix(inputs.get("training", Table.class), "training");
        int m = f.featureCount();
        double[] mean = new double[m];
        double[] scale = new double[m];
        for (int j = 0; j < m; j++) {
            double[] v = new double[train.length];
            for (int i = 0; i < train.length; i++) {
                v[i] = train[i][j];
            }
            mean[j] = Numerics.mean(v);
            double sd = Numerics.std(v);
            // As scikit-learn's StandardScaler: a constant feature keeps scale 1.
            scale[j] = sd == 0 ? 1 : sd;
        }
        double width = s.kernelWidth() > 0 ? s.kernelWidth() : 0.75 * Math.sqrt(m);
        // seed + 1, as the SHAP node: with the same seed both explain the same rows.
        int[] rows = Numerics.sampleRows(xAll.length, s.maxRows(), s.seed() + 1, "rows to explain", "Rows to explain",
                context);
        var random = new SplittableRandom(s.seed());
        var rowCol = new ArrayList<Long>();
        var classCol = new ArrayList<String>();
        var rankCol = new ArrayList<Long>();
        var featureCol = new ArrayList<String>();
        var valueCol = new ArrayList<Double>();
        var weightCol = new ArrayList<Double>();
        int n = rows.length;
        long[] fRow = new long[n];
        String[] fClass = new String[n];
        double[] fIntercept = new double[n];
        double[] fLocal = new double[n];
        double[] fModel = new double[n];
        double[] fR2 = new double[n];
        for (int r = 0; r < n; r++) {
            context.checkCanceled();
            double[] x = xAll[rows[r]];
            Lime.Samples samples = Lime.sample(x, mean, scale, s.samples(), width, random.split());
            double[][] pred = f.predict(samples.raw(), context);
            int k = Target.resolve(f, s.targetClass(), pred[0]);
            double[] y = new double[pred.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = pred[i][k];
            }
            Lime.Explanation e = Lime.explain(samples, y, s.features(), s.selection(), s.alpha());
            long rowNo = rows[r] + 1;
            for (int t = 0; t < e.features().length; t++) {
                rowCol.add(rowNo);
                classCol.add(Target.className(f, k));
                rankCol.add((long) t + 1);
                featureCol.add(f.features().get(e.features()[t]));
                valueCol.add(x[e.features()[t]]);
                weightCol.add(e.weights()[t]);
            }
            fRow[r] = rowNo;
            fClass[r] = Target.className(f, k);
            fIntercept[r] = e.intercept();
            fLocal[r] = e.localPrediction();
            fModel[r] = y[0];
            fR2[r] = e.r2();
            context.progress((r + 1.0) / n, String.format(Locale.ROOT, "Explained %d of %d rows", r + 1, n));
        }
        Table explanations = Table.of(LongColumn.of("row", rowCol.stream().mapToLong(Long::longValue).toArray()),
                StringColumn.of("class", classCol.toArray(String[]::new)),
                LongColumn.of("rank", rankCol.stream().mapToLong(Long::longValue).toArray()),
                StringColumn.of("feature", featureCol.toArray(String[]::new)),
                DoubleColumn.of("value", valueCol.stream().mapToDouble(Double::doubleValue).toArray()),
                DoubleColumn.of("weight", weightCol.stream().mapToDouble(Double::doubleValue).toArray()));
        Table fit = Table.of(LongColumn.of("row", fRow), StringColumn.of("class", fClass),
                DoubleColumn.of("intercept", fIntercept), DoubleColumn.of("local_prediction", fLocal),
                DoubleColumn.of("model_prediction", fModel), DoubleColumn.of("r2", fR2));
        NodeResult result = NodeResult.of(explanations, fit);
        int first = 0;
        while (first < explanations.rowCount() && explanations.column("row").getDouble(first) == fRow[0]) {
            first++;
        }
        if (first > 0) {
            Table one = explanations.slice(0, first);
            String[] label = new String[first];
            String[] effect = new String[first];
            for (int t = 0; t < first; t++) {
                label[t] = String.format(Locale.ROOT, "%02d %s = %s", t + 1, one.stringColumn("feature").get(t),
                        Numerics.fmt(one.doubleColumn("value").get(t)));
                effect[t] = one.doubleColumn("weight").get(t) >= 0 ? "raises" : "lowers";
            }
            Table data = Table.of(StringColumn.of("feature = value", label), DoubleColumn.of("weight",
                    one.doubleColumn("weight").toArray()), StringColumn.of("effect", effect));
            result = result.withChart(ChartSpec.of("lime-" + fRow[0], String.format(Locale.ROOT,
                    "Row %d: LIME weights for %s (R² %.3f)", fRow[0], fClass[0], fR2[0]), data, Mark.BAR,
                    new Channel("x", "weight", FieldType.QUANTITATIVE, "weight per standard deviation"),
                    new Channel("y", "feature = value", FieldType.ORDINAL, "feature = value"),
                    Channel.color("effect", FieldType.NOMINAL)));
        }
        return result;
    }
}
