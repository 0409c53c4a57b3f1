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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;

/** Partial dependence (1-D curve or 2-D grid) and ICE lines of any model. */
@Component(service = NodeFactory.class)
public final class PartialDependenceNodeFactory
        implements NodeFactory<PartialDependenceNodeFactory.PartialDependenceSettings> {

    public static final String ID = "quiver.explain.partial-dependence";

    @Description("Which feature(s) to vary, over which grid, and on how many rows.")
    public record PartialDependenceSettings(
            @Description("The feature whose effect is shown.")
            @ColumnRef(port = 1, types = {ColumnType.DOUBLE, ColumnType.LONG})
            String feature,
            @Label("Second feature")
            @Description("Optional: a second feature for a 2-D partial dependence over the grid of both (a heat map)."
                    + " ICE lines are drawn for one feature only.")
            @ColumnRef(port = 1, types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
            String secondFeature,
            @Label("Grid")
            @Description("EQUAL_WIDTH: evenly spaced between the percentiles (scikit-learn); QUANTILES: at evenly"
                    + " spaced quantiles, denser where the data are.")
            Grid.Method grid,
            @Label("Grid points")
            @Description("Grid resolution per feature; a feature with fewer distinct values uses those values.")
            @Range(min = 2, max = 1000)
            int gridPoints,
            @Label("Lower percentile")
            @Description("The grid starts at this quantile of the feature, so that outliers do not stretch it.")
            @Range(min = 0, max = 1)
            double lowerPercentile,
            @Label("Upper percentile")
            @Description("The grid ends at this quantile of the feature.")
            @Range(min = 0, max = 1)
            double upperPercentile,
            @Label("Rows averaged")
            @Description("At most this many rows (sampled with the seed) are averaged; cost = rows × grid points model"
                    + " calls (× grid points again in 2-D).")
            @Range(min = 1, max = 1_000_000)
            int maxRows,
            @Label("ICE lines")
            @Description("How many of the averaged rows get their own ICE line (individual conditional expectation).")
            @Range(min = 0, max = 10_000)
            int iceRows,
            @Label("Target class")
            @Description("The class drawn in the ICE and heat-map charts. Blank: the second (positive) class of a"
                    + " binary model, else the first class. The tables hold every class.")
            String targetClass,
            @Tunable(false)
            @Description("Seed for sampling the rows.")
            long seed) {

        public PartialDependenceSettings {
            feature = feature == null ? "" : feature;
            secondFeature = secondFeature == null ? "" : secondFeature;
            grid = grid == null ? Grid.Method.EQUAL_WIDTH : grid;
            targetClass = targetClass == null ? "" : targetClass.trim();
            if (!(lowerPercentile < upperPercentile)) {
                throw new InvalidInputException("Lower percentile " + lowerPercentile + " must be below the upper "
                        + "percentile " + upperPercentile + ". Swap or widen them.");
            }
        }

        boolean twoD() {
            return !secondFeature.isBlank();
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Partial Dependence / ICE",
            "Interpretability",
            "Partial dependence (Friedman 2001): set a feature to a grid value v in every row, predict, and average:"
                    + " PD(v) = mean_i f(v, x_i,rest). The curve shows the model's average response to the feature,"
                    + " averaging over the other features' observed values — which assumes those values stay"
                    + " plausible when the feature changes (with correlated features they may not). ICE lines"
                    + " (Goldstein et al. 2015) are the un-averaged curves of single rows: where they cross, the"
                    + " feature interacts with others. With a second feature, the 2-D partial dependence over the"
                    + " grid of both. `pdp`: grid value(s) and one mean output per class; `ice`: row, value and"
                    + " outputs.",
            List.of(PortDescriptor.required("model", PortType.MODEL, "The model to explain."),
                    PortDescriptor.required("table", PortType.TABLE, "The rows to average over.")),
            List.of(PortDescriptor.required("pdp", PortType.TABLE, "Grid value(s) and the mean output per class."),
                    PortDescriptor.required("ice", PortType.TABLE,
                            "One line per sampled row: row, grid value, outputs (1-D only; empty in 2-D).")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<PartialDependenceSettings> settingsType() {
        return PartialDependenceSettings.class;
    }

    @Override
    public PartialDependenceSettings defaultSettings() {
        return new PartialDependenceSettings("", "", Grid.Method.EQUAL_WIDTH, 20, 0.05, 0.95, 1000, 50, "", 42L);
    }

    private static List<String> outputNames(ModelSpec model) {
        if (model.task() == Task.CLASSIFICATION) {
            return model.classes().stream().map(ModelSpec::probabilityColumn).toList();
        }
        return List.of(ModelSpec.PREDICTION);
    }

    static TableSpec pdpSpec(ModelSpec model, PartialDependenceSettings s) {
        var cols = new ArrayList<ColumnSpec>();
        cols.add(new ColumnSpec(s.feature(), ColumnType.DOUBLE));
        if (s.twoD()) {
            cols.add(new ColumnSpec(s.secondFeature(), ColumnType.DOUBLE));
        }
        for (String o : outputNames(model)) {
            cols.add(new ColumnSpec(o, ColumnType.DOUBLE));
        }
        return new TableSpec(cols);
    }

    static TableSpec iceSpec(ModelSpec model, PartialDependenceSettings s) {
        var cols = new ArrayList<ColumnSpec>();
        cols.add(new ColumnSpec("row", ColumnType.LONG));
        cols.addAll(pdpSpec(model, s).columns());
        return new TableSpec(cols);
    }

    private static void check(ModelSpec model, TableSpec table, PartialDependenceSettings s) {
        List<String> features = model.features().stream().map(ColumnSpec::name).toList();
        for (String f : s.twoD() ? List.of(s.feature(), s.secondFeature()) : List.of(s.feature())) {
            if (f.isBlank()) {
                throw new InvalidInputException("Feature is not set (the model's features: " + String.join(", ", features)
                        + "). Choose a feature.");
            }
            if (!features.contains(f)) {
                throw new InvalidInputException("Feature '" + f + "' is not one of the model's features ("
                        + String.join(", ", features) + "). Choose one of them.");
            }
        }
        if (s.twoD() && s.feature().equals(s.secondFeature())) {
            throw new InvalidInputException("Feature and second feature are both '" + s.feature()
                    + "'. Choose two different features, or clear the second.");
        }
        for (String o : outputNames(model)) {
            if (o.equals(s.feature()) || o.equals(s.secondFeature()) || o.equals("row")) {
                throw new InvalidInputException("Feature '" + o + "' clashes with an output column name. Rename it.");
            }
        }
        Target.checkClass(model, s.targetClass());
        if (table != null) {
            ModelFunction.checkSpec(model, table, "input");
        }
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, PartialDependenceSettings settings,
            ConfigureContext context) {
        PortSpec m = inputs.optional("model", PortSpec.class).orElse(null);
        if (!(m instanceof ModelSpec model)) {
            return List.of(PortSpec.unknown(PortType.TABLE), PortSpec.unknown(PortType.TABLE));
        }
        PortSpec t = inputs.optional("table", PortSpec.class).orElse(null);
        check(model, t instanceof TableSpec ts ? ts : null, settings);
        return List.of(pdpSpec(model, settings), iceSpec(model, settings));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, PartialDependenceSettings s, ExecutionContext context) {
        Model model = inputs.get("model", Model.class);
        Table table = inputs.get("table", Table.class);
        check(model.spec(), table.spec(), s);
        ModelFunction f = new ModelFunction(model);
        double[][] x = f.matrix(table, "input");
        int j1 = f.features().indexOf(s.feature());
        int j2 = s.twoD() ? f.features().indexOf(s.secondFeature()) : -1;
        double[] g1 = Grid.of(column(x, j1), s.gridPoints(), s.lowerPercentile(), s.upperPercentile(), s.grid(),
                s.feature());
        double[] g2 = s.twoD() ? Grid.of(column(x, j2), s.gridPoints(), s.lowerPercentile(), s.upperPercentile(),
                s.grid(), s.secondFeature()) : new double[] {Double.NaN};
        int[] rows = Numerics.sampleRows(x.length, s.maxRows(), s.seed(), "rows", "Rows averaged", context);
        int n = rows.length;
        int k = f.outputCount();
        int points = g1.length * g2.length;
        int ice = s.twoD() ? 0 : Math.min(s.iceRows(), n);
        if (s.twoD() && s.iceRows() > 0) {
            context.warn("ICE lines are drawn for one feature only; the 2-D partial dependence has none.");
        }
        double[][] pdp = new double[points][k];
        double[][][] iceValues = new double[ice][g1.length][];
        int perBlock = Math.max(1, ModelFunction.BLOCK / n);
        for (int from = 0; from < points; from += perBlock) {
            context.checkCanceled();
            int to = Math.min(points, from + perBlock);
            double[][] batch = new double[(to - from) * n][];
            for (int p = from; p < to; p++) {
                double v1 = g1[p / g2.length];
                double v2 = g2[p % g2.length];
                for (int r = 0; r < n; r++) {
                    double[] z = x[rows[r]].clone();
                    z[j1] = v1;
                    if (j2 >= 0) {
                        z[j2] = v2;
                    }
                    batch[(p - from) * n + r] = z;
                }
            }
            double[][] pred = f.predict(batch, context);
            for (int p = from; p < to; p++) {
                for (int r = 0; r < n; r++) {
                    double[] o = pred[(p - from) * n + r];
                    for (int c = 0; c < k; c++) {
                        pdp[p][c] += o[c] / n;
                    }
                    if (r < ice) {
                        iceValues[r][p] = o;
                    }
                }
            }
            context.progress((double) to / points, String.format(Locale.ROOT, "%d of %d grid points", to, points));
        }

        ModelSpec spec = model.spec();
        TableSpec pdpSpec = pdpSpec(spec, s);
        var cols = new ArrayList<Column>();
        double[] c1 = new double[points];
        double[] c2 = new double[points];
        for (int p = 0; p < points; p++) {
            c1[p] = g1[p / g2.length];
            c2[p] = g2[p % g2.length];
        }
        cols.add(DoubleColumn.wrap(pdpSpec.column(0), c1));
        int offset = 1;
        if (s.twoD()) {
            cols.add(DoubleColumn.wrap(pdpSpec.column(1), c2));
            offset = 2;
        }
        for (int c = 0; c < k; c++) {
            double[] v = new double[points];
            for (int p = 0; p < points; p++) {
                v[p] = pdp[p][c];
            }
            cols.add(DoubleColumn.wrap(pdpSpec.column(offset + c), v));
        }
        Table pdpTable = Table.of(cols);

        TableSpec iceSpec = iceSpec(spec, s);
        Table iceTable;
        if (ice == 0) {
            iceTable = Table.empty(iceSpec);
        } else {
            int len = ice * g1.length;
            long[] rowNo = new long[len];
            double[] value = new double[len];
            double[][] out = new double[k][len];
            for (int r = 0; r < ice; r++) {
                for (int p = 0; p < g1.length; p++) {
                    int at = r * g1.length + p;
                    rowNo[at] = rows[r] + 1;
                    value[at] = g1[p];
                    for (int c = 0; c < k; c++) {
                        out[c][at] = iceValues[r][p][c];
                    }
                }
            }
            var iceCols = new ArrayList<Column>();
            iceCols.add(LongColumn.of("row", rowNo));
            iceCols.add(DoubleColumn.wrap(iceSpec.column(1), value));
            for (int c = 0; c < k; c++) {
                iceCols.add(DoubleColumn.wrap(iceSpec.column(2 + c), out[c]));
            }
            iceTable = Table.of(iceCols);
        }
        int target = chartClass(f, s.targetClass());
        String targetName = f.outputName(target);
        NodeResult result = NodeResult.of(pdpTable, iceTable);
        if (s.twoD()) {
            return result.withChart(ChartSpec.of("pdp-2d", "Partial dependence of " + targetName + " on " + s.feature()
                    + " and " + s.secondFeature(), pdpTable, Mark.RECT,
                    new Channel("x", s.feature(), FieldType.ORDINAL, s.feature()),
                    new Channel("y", s.secondFeature(), FieldType.ORDINAL, s.secondFeature()),
                    new Channel("color", targetName, FieldType.QUANTITATIVE, targetName)));
        }
        result = result.withChart(pdpChart(f, s.feature(), g1, pdp));
        if (ice > 0) {
            result = result.withChart(iceChart(s.feature(), g1, pdp, iceValues, rows, target, targetName));
        }
        return result;
    }

    private static int chartClass(ModelFunction f, String targetClass) {
        if (!f.classification()) {
            return 0;
        }
        if (!targetClass.isBlank()) {
            return f.classIndex(targetClass);
        }
        return f.classes().size() == 2 ? 1 : 0;
    }

    /** Every class's curve, long format, coloured by class. */
    private static ChartSpec pdpChart(ModelFunction f, String feature, double[] grid, double[][] pdp) {
        int k = f.outputCount();
        int len = grid.length * k;
        double[] value = new double[len];
        String[] output = new String[len];
        double[] mean = new double[len];
        for (int c = 0; c < k; c++) {
            for (int p = 0; p < grid.length; p++) {
                value[c * grid.length + p] = grid[p];
                output[c * grid.length + p] = f.outputName(c);
                mean[c * grid.length + p] = pdp[p][c];
            }
        }
        Table data = Table.of(DoubleColumn.of(feature, value), StringColumn.of("output", output),
                DoubleColumn.of("partial dependence", mean));
        return ChartSpec.of("pdp", "Partial dependence on " + feature, data, Mark.LINE,
                Channel.x(feature, FieldType.QUANTITATIVE), Channel.y("partial dependence", FieldType.QUANTITATIVE),
                Channel.color("output", FieldType.NOMINAL));
    }

    /** The ICE lines of the target class, one per row, with the partial dependence drawn over them. */
    private static ChartSpec iceChart(String feature, double[] grid, double[][] pdp, double[][][] ice, int[] rows,
            int target, String targetName) {
        int len = (ice.length + 1) * grid.length;
        double[] value = new double[len];
        String[] line = new String[len];
        String[] kind = new String[len];
        double[] out = new double[len];
        for (int r = 0; r <= ice.length; r++) {
            for (int p = 0; p < grid.length; p++) {
                int at = r * grid.length + p;
                value[at] = grid[p];
                boolean avg = r == ice.length;
                line[at] = avg ? "partial dependence" : "row " + (rows[r] + 1);
                kind[at] = avg ? "partial dependence" : "ICE";
                out[at] = avg ? pdp[p][target] : ice[r][p][target];
            }
        }
        Table data = Table.of(DoubleColumn.of(feature, value), StringColumn.of("line", line),
                StringColumn.of("kind", kind), DoubleColumn.of(targetName, out));
        return ChartSpec.of("ice", "ICE lines of " + targetName + " over " + feature, data, Mark.LINE,
                Channel.x(feature, FieldType.QUANTITATIVE), Channel.y(targetName, FieldType.QUANTITATIVE),
                new Channel("detail", "line", FieldType.NOMINAL, null), Channel.color("kind", FieldType.NOMINAL));
    }

    private static double[] column(double[][] x, int j) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i][j];
        }
        return v;
    }
}
