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
import org.osgi.service.component.annotations.Component;

/** A shallow decision tree fitted to a classifier's predictions: readable rules and how faithful they are. */
@Component(service = NodeFactory.class)
public final class SurrogateNodeFactory implements NodeFactory<SurrogateNodeFactory.SurrogateSettings> {

    public static final String ID = "quiver.explain.surrogate";

    @Description("How large the surrogate tree may grow and on how many rows it is fitted.")
    public record SurrogateSettings(
            @Label("Maximum depth")
            @Description("Depth of the surrogate tree: 2–4 stays readable; deeper is more faithful and less readable.")
            @Range(min = 1, max = 20)
            int maxDepth,
            @Label("Minimum rows per leaf")
            @Description("A split is kept only if both sides have at least this many rows.")
            @Range(min = 1, max = 1_000_000)
            int minSamplesLeaf,
            @Label("Max rows")
            @Description("At most this many rows are used (sampled with the seed).")
            @Range(min = 2, max = 10_000_000)
            int maxRows,
            @Tunable(false)
            @Description("Seed of the row sample.")
            long seed) {
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Global Surrogate", "Interpretability",
            "Fits a shallow CART decision tree (Gini, depth-limited) to the model's predicted classes — not to the"
                    + " true labels — on the input rows, and reports its rules and its fidelity: the share of rows on"
                    + " which tree and model agree. A faithful surrogate (fidelity near 1) is a readable global"
                    + " summary of the model; a low fidelity says the model is more complex than the rules. The"
                    + " rules describe the model, not the world.",
            List.of(PortDescriptor.required("model", PortType.MODEL, "The classifier to summarise."),
                    PortDescriptor.required("table", PortType.TABLE, "Rows on which the model is imitated.")),
            List.of(PortDescriptor.required("rules", PortType.TABLE,
                            "One row per leaf: leaf, rule, class, rows, agreement (the model's share of that class)."),
                    PortDescriptor.required("metrics", PortType.TABLE, "fidelity, depth, leaves, rows.")));

    static final TableSpec RULES_SPEC = TableSpec.of(new ColumnSpec("leaf", ColumnType.LONG),
            new ColumnSpec("rule", ColumnType.STRING), new ColumnSpec("class", ColumnType.STRING),
            new ColumnSpec("rows", ColumnType.LONG), new ColumnSpec("agreement", ColumnType.DOUBLE));
    static final TableSpec METRICS_SPEC = TableSpec.of(new ColumnSpec("metric", ColumnType.STRING),
            new ColumnSpec("value", ColumnType.DOUBLE));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<SurrogateSettings> settingsType() {
        return SurrogateSettings.class;
    }

    @Override
    public SurrogateSettings defaultSettings() {
        return new SurrogateSettings(3, 5, 10_000, 42L);
    }

    private static void check(ModelSpec model, TableSpec table) {
        if (model.task() != Task.CLASSIFICATION) {
            throw new InvalidInputException("Global Surrogate imitates a classifier's predicted classes, but the model"
                    + " is a regression model. Use Partial Dependence or SHAP for it.");
        }
        if (table != null) {
            ModelFunction.checkSpec(model, table, "input");
        }
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, SurrogateSettings settings, ConfigureContext context) {
        if (inputs.optional("model", PortSpec.class).orElse(null) instanceof ModelSpec model) {
            PortSpec t = inputs.optional("table", PortSpec.class).orElse(null);
            check(model, t instanceof TableSpec ts ? ts : null);
        }
        return List.of(RULES_SPEC, METRICS_SPEC);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, SurrogateSettings s, ExecutionContext context) {
        Model model = inputs.get("model", Model.class);
        Table table = inputs.get("table", Table.class);
        check(model.spec(), table.spec());
        ModelFunction f = new ModelFunction(model);
        double[][] all = f.matrix(table, "input");
        int[] idx = Numerics.sampleRows(all.length, s.maxRows(), s.seed(), "rows", "Max rows", context);
        double[][] x = Numerics.rows(all, idx);
        context.progress(0, "Predicting " + x.length + " rows");
        int[] y = f.predictClasses(x, context);
        context.progress(0.5, "Growing the surrogate tree");
        Cart.Node root = Cart.fit(x, y, f.classes().size(), s.maxDepth(), s.minSamplesLeaf(), context);
        int agree = 0;
        for (int i = 0; i < x.length; i++) {
            if (Cart.predict(root, x[i]) == y[i]) {
                agree++;
            }
        }
        double fidelity = (double) agree / x.length;
        var rules = new ArrayList<String>();
        var leaves = new ArrayList<Cart.Node>();
        collect(root, "", f.features(), rules, leaves);
        int n = leaves.size();
        long[] leaf = new long[n];
        String[] cls = new String[n];
        long[] rows = new long[n];
        double[] agreement = new double[n];
        for (int i = 0; i < n; i++) {
            Cart.Node l = leaves.get(i);
            leaf[i] = i + 1;
            cls[i] = f.classes().get(l.prediction());
            rows[i] = l.size();
            agreement[i] = (double) l.counts()[l.prediction()] / l.size();
        }
        Table ruleTable = Table.of(LongColumn.of("leaf", leaf), StringColumn.of("rule", rules.toArray(String[]::new)),
                StringColumn.of("class", cls), LongColumn.of("rows", rows), DoubleColumn.of("agreement", agreement));
        Table metrics = Table.of(StringColumn.of("metric", "fidelity", "depth", "leaves", "rows"),
                DoubleColumn.of("value", fidelity, Cart.depth(root), n, x.length));
        context.progress(1, String.format(Locale.ROOT, "Fidelity %.4f with %d leaves", fidelity, n));
        return NodeResult.of(ruleTable, metrics).withChart(ChartSpec.of("leaves", String.format(Locale.ROOT,
                "Surrogate leaves (fidelity %.3f)", fidelity), ruleTable, Mark.BAR,
                new Channel("x", "rows", FieldType.QUANTITATIVE, "rows"),
                new Channel("y", "rule", FieldType.NOMINAL, "rule"), Channel.color("class", FieldType.NOMINAL)));
    }

    /** Leaves left to right with their rules: the conditions on the path, joined by AND. */
    private static void collect(Cart.Node node, String path, List<String> features, List<String> rules,
            List<Cart.Node> leaves) {
        if (node.leaf()) {
            rules.add(path.isEmpty() ? "(all rows)" : path);
            leaves.add(node);
            return;
        }
        String name = features.get(node.feature());
        String t = Numerics.fmt(node.threshold());
        String and = path.isEmpty() ? "" : path + " AND ";
        collect(node.left(), and + name + " ≤ " + t, features, rules, leaves);
        collect(node.right(), and + name + " > " + t, features, rules, leaves);
    }
}
