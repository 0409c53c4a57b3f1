package dev.quiver.nodes.explain;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.node.WorkRunner;
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
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.explain.Target.OutputSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;

/** Per-row, per-feature Shapley values of any model's output: exact enumeration or Kernel SHAP. */
@Component(service = NodeFactory.class)
public final class ShapNodeFactory implements NodeFactory<ShapNodeFactory.ShapSettings> {

    public static final String ID = "quiver.explain.shap";

    /** How the Shapley values are computed. */
    public enum Method {
        /** Exact up to 10 features, Kernel SHAP above. */
        AUTO,
        /** Enumerate all 2^M coalitions (at most 16 features). */
        EXACT,
        /** Kernel SHAP: weighted regression on sampled coalitions. */
        KERNEL
    }

    @Description("Which output to explain, how, and how much of the data to use.")
    public record ShapSettings(
            @Description("EXACT enumerates every coalition of features (2^M × background model calls per row; at most"
                    + " 16 features); KERNEL is Kernel SHAP (Lundberg & Lee 2017); AUTO takes EXACT up to 10 features.")
            Method method,
            @Label("Target class")
            @Description("The class whose output is explained. Blank: the second (positive) class of a binary model,"
                    + " else each row's predicted class.")
            String targetClass,
            @Label("Output space")
            @Description("PROBABILITY explains P(class); LOG_ODDS explains log(P/(1−P)) of each prediction, averaged"
                    + " over the background, where a logistic regression is linear.")
            OutputSpace outputSpace,
            @Label("Coalition samples")
            @Description("Kernel SHAP coalitions per row besides the empty and full ones; 0 = 2M + 2048 as the shap"
                    + " package. Capped at 2^M − 2, where Kernel SHAP becomes exact.")
            @Range(min = 0, max = 1_000_000)
            int samples,
            @Label("Background rows")
            @Description("At most this many background rows (sampled with the seed): each coalition costs one model"
                    + " call per background row.")
            @Range(min = 1, max = 100_000)
            int maxBackgroundRows,
            @Label("Rows to explain")
            @Description("At most this many rows of the `rows` table are explained (sampled with the seed).")
            @Range(min = 1, max = 1_000_000)
            int maxRows,
            @Tunable(false)
            @Description("Seed for sampling rows, background rows and coalitions.")
            long seed) {

        public ShapSettings {
            method = method == null ? Method.AUTO : method;
            outputSpace = outputSpace == null ? OutputSpace.PROBABILITY : outputSpace;
            targetClass = targetClass == null ? "" : targetClass.trim();
        }
    }

    static final int AUTO_EXACT_MAX = 10;

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "SHAP Values", "Interpretability",
            "Shapley values φ_i of each row's prediction (Lundberg & Lee 2017), for any model through its predictions:"
                    + " a coalition S of features takes the row's values, the others take a background row's, and"
                    + " v(S) averages the output over the background (interventional SHAP, which treats features as"
                    + " independent). φ_i is feature i's average marginal contribution over all orders, and"
                    + " `base_value` + Σ φ_i = `output` for every row. EXACT enumerates all coalitions; KERNEL solves the"
                    + " Shapley-kernel weighted regression with that sum as a constraint. `shap`: one row per explained"
                    + " row with `SHAP(<feature>)` columns; `summary`: mean |φ| per feature, with a bar chart, and a"
                    + " waterfall chart for the first rows.",
            List.of(PortDescriptor.required("model", PortType.MODEL, "The model to explain."),
                    PortDescriptor.required("background", PortType.TABLE,
                            "Rows that stand for 'feature unknown' (typically a sample of the training data)."),
                    PortDescriptor.required("rows", PortType.TABLE, "The rows whose predictions are explained.")),
            List.of(PortDescriptor.required("shap", PortType.TABLE,
                            "row, class, base_value, output and SHAP(<feature>) per explained row."),
                    PortDescriptor.required("summary", PortType.TABLE, "feature, mean |SHAP|, rank.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ShapSettings> settingsType() {
        return ShapSettings.class;
    }

    @Override
    public ShapSettings defaultSettings() {
        return new ShapSettings(Method.AUTO, "", OutputSpace.PROBABILITY, 0, 100, 100, 42L);
    }

    static String shapColumn(String feature) {
        return "SHAP(" + feature + ")";
    }

    static TableSpec shapSpec(ModelSpec model) {
        var cols = new ArrayList<ColumnSpec>(List.of(new ColumnSpec("row", ColumnType.LONG),
                new ColumnSpec("class", ColumnType.STRING), new ColumnSpec("base_value", ColumnType.DOUBLE),
                new ColumnSpec("output", ColumnType.DOUBLE)));
        for (ColumnSpec f : model.features()) {
            cols.add(new ColumnSpec(shapColumn(f.name()), ColumnType.DOUBLE));
        }
        return new TableSpec(cols);
    }

    static final TableSpec SUMMARY_SPEC = TableSpec.of(new ColumnSpec("feature", ColumnType.STRING),
            new ColumnSpec("mean_abs_shap", ColumnType.DOUBLE), new ColumnSpec("rank", ColumnType.LONG));

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, ShapSettings settings, ConfigureContext context) {
        PortSpec m = inputs.optional("model", PortSpec.class).orElse(null);
        if (!(m instanceof ModelSpec model)) {
            return List.of(PortSpec.unknown(PortType.TABLE), SUMMARY_SPEC);
        }
        check(model, settings);
        if (inputs.optional("background", PortSpec.class).orElse(null) instanceof TableSpec bg) {
            ModelFunction.checkSpec(model, bg, "background");
        }
        if (inputs.optional("rows", PortSpec.class).orElse(null) instanceof TableSpec rows) {
            ModelFunction.checkSpec(model, rows, "rows");
        }
        return List.of(shapSpec(model), SUMMARY_SPEC);
    }

    private static void check(ModelSpec model, ShapSettings settings) {
        Target.checkClass(model, settings.targetClass());
        Target.checkSpace(model, settings.outputSpace());
        if (settings.method() == Method.EXACT && model.features().size() > Shapley.MAX_EXACT) {
            throw new InvalidInputException("Exact SHAP enumerates 2^M coalitions; the model has "
                    + model.features().size() + " features, more than " + Shapley.MAX_EXACT
                    + ". Choose KERNEL or AUTO.");
        }
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, ShapSettings settings, ExecutionContext context) {
        Model model = inputs.get("model", Model.class);
        check(model.spec(), settings);
        ModelFunction f = new ModelFunction(model);
        Table bgTable = inputs.get("background", Table.class);
        Table rowTable = inputs.get("rows", Table.class);
        double[][] bgAll = f.matrix(bgTable, "background");
        double[][] xAll = f.matrix(rowTable, "rows");
        int[] bgIdx = Numerics.sampleRows(bgAll.length, settings.maxBackgroundRows(), settings.seed(), "background rows",
                "Background rows", context);
        int[] rowIdx = Numerics.sampleRows(xAll.length, settings.maxRows(), settings.seed() + 1, "rows to explain",
                "Rows to explain", context);
        double[][] background = Numerics.rows(bgAll, bgIdx);
        int m = f.featureCount();
        boolean exact = settings.method() == Method.EXACT
                || (settings.method() == Method.AUTO && m <= AUTO_EXACT_MAX);
        int samples = settings.samples() == 0 ? 2 * m + 2048 : settings.samples();
        var rnd = new SplittableRandom(settings.seed());

        double[][] predictions = f.predict(Numerics.rows(xAll, rowIdx), context);
        int n = rowIdx.length;
        long[] rowNo = new long[n];
        String[] cls = new String[n];
        double[] base = new double[n];
        double[] output = new double[n];
        double[][] phi = new double[m][n];
        context.progress(0, "Explaining " + n + " rows");
        // Rows are independent units: they run on the node's work runner (a local pool by default). Each row
        // has its own random stream, split off in row order, so the result does not depend on scheduling.
        int[] target = new int[n];
        var units = new ArrayList<WorkRunner.WorkUnit<Shapley.Result>>();
        OutputSpace space = settings.outputSpace();
        for (int i = 0; i < n; i++) {
            double[] x = xAll[rowIdx[i]];
            int k = Target.resolve(f, settings.targetClass(), predictions[i]);
            target[i] = k;
            SplittableRandom rowRandom = rnd.split();
            units.add(unit -> {
                var game = new Shapley.Game(f, x, background, p -> Target.value(p, k, space), unit);
                return exact ? Shapley.exact(game, m) : Shapley.kernel(game, x, background, samples, rowRandom);
            });
        }
        int[] done = new int[1];
        List<WorkRunner.Outcome<Shapley.Result>> outcomes = context.workRunner().runAll(units,
                Math.max(1, context.parallelism()), context, o -> {
                    done[0]++;
                    context.progress((double) done[0] / n, String.format(Locale.ROOT, "Explained %d of %d rows (%s)",
                            done[0], n, exact ? "exact" : "Kernel SHAP"));
                });
        for (WorkRunner.Outcome<Shapley.Result> o : outcomes) {
            if (o.canceled() || context.isCanceled()) {
                throw new CanceledException();
            }
            if (o.failure() != null) {
                throw new InvalidInputException("Explaining row " + (rowIdx[o.index()] + 1) + " failed: " + o.failure());
            }
        }
        for (int i = 0; i < n; i++) {
            Shapley.Result r = outcomes.get(i).value();
            rowNo[i] = rowIdx[i] + 1;
            cls[i] = Target.className(f, target[i]);
            base[i] = r.base();
            output[i] = r.output();
            for (int j = 0; j < m; j++) {
                phi[j][i] = r.phi()[j];
            }
        }
        TableSpec spec = shapSpec(model.spec());
        var cols = new ArrayList<Column>();
        cols.add(LongColumn.of("row", rowNo));
        cols.add(StringColumn.of("class", cls));
        cols.add(DoubleColumn.of("base_value", base));
        cols.add(DoubleColumn.of("output", output));
        for (int j = 0; j < m; j++) {
            cols.add(DoubleColumn.wrap(spec.column(4 + j), phi[j]));
        }
        Table shap = Table.of(cols);

        double[] meanAbs = new double[m];
        for (int j = 0; j < m; j++) {
            for (double v : phi[j]) {
                meanAbs[j] += Math.abs(v) / n;
            }
        }
        Integer[] order = new Integer[m];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -meanAbs[j]));
        String[] names = new String[m];
        double[] vals = new double[m];
        long[] rank = new long[m];
        for (int r = 0; r < m; r++) {
            names[r] = f.features().get(order[r]);
            vals[r] = meanAbs[order[r]];
            rank[r] = r + 1;
        }
        Table summary = Table.of(StringColumn.of("feature", names), DoubleColumn.of("mean_abs_shap", vals),
                LongColumn.of("rank", rank));
        NodeResult result = NodeResult.of(shap, summary).withChart(ChartSpec.of("summary",
                "Mean |SHAP| per feature (" + settings.outputSpace().name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + ")",
                summary, Mark.BAR, new Channel("x", "mean_abs_shap", FieldType.QUANTITATIVE, "mean |SHAP value|"),
                new Channel("y", "feature", FieldType.ORDINAL, "feature")));
        for (int i = 0; i < Math.min(3, n); i++) {
            result = result.withChart(waterfall(f, xAll[rowIdx[i]], rowNo[i], cls[i], base[i], output[i], phi, i));
        }
        return result;
    }

    /**
     * A waterfall of one row: bars from the base value, one per feature by decreasing |φ|, each starting
     * where the previous ended, to the output. Step labels are numbered so that the editor keeps the order.
     */
    static ChartSpec waterfall(ModelFunction f, double[] x, long row, String cls, double base, double output,
            double[][] phi, int i) {
        int m = f.featureCount();
        Integer[] order = new Integer[m];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.abs(phi[j][i])));
        String[] step = new String[m + 2];
        double[] start = new double[m + 2];
        double[] end = new double[m + 2];
        String[] sign = new String[m + 2];
        step[0] = "00 base value";
        start[0] = 0;
        end[0] = base;
        sign[0] = "base";
        double at = base;
        for (int r = 0; r < m; r++) {
            int j = order[r];
            step[r + 1] = String.format(Locale.ROOT, "%02d %s = %s", r + 1, f.features().get(j), Numerics.fmt(x[j]));
            start[r + 1] = at;
            at += phi[j][i];
            end[r + 1] = at;
            sign[r + 1] = phi[j][i] >= 0 ? "raises" : "lowers";
        }
        step[m + 1] = String.format(Locale.ROOT, "%02d output", m + 1);
        start[m + 1] = 0;
        end[m + 1] = output;
        sign[m + 1] = "output";
        Table data = Table.of(StringColumn.of("step", step), DoubleColumn.of("start", start),
                DoubleColumn.of("end", end), StringColumn.of("effect", sign));
        return ChartSpec.of("waterfall-" + row, "Row " + row + ": SHAP waterfall for " + cls, data, Mark.BAR,
                new Channel("y", "step", FieldType.ORDINAL, "feature = value"),
                new Channel("x", "start", FieldType.QUANTITATIVE, "output"),
                new Channel("x2", "end", FieldType.QUANTITATIVE, null),
                Channel.color("effect", FieldType.NOMINAL));
    }
}
