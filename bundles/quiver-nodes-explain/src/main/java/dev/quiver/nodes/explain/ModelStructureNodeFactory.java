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
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.settings.Description;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * What a model's own structure says about its features: linear weights per class, or how often a
 * tree (forest) splits on each feature. Reads the model's {@code details()}, so it needs no model
 * library: a model bundle opts in by publishing {@code coefficients} (class → feature → weight) or
 * {@code splitCounts} (feature → count) there.
 */
@Component(service = NodeFactory.class)
public final class ModelStructureNodeFactory implements NodeFactory<ModelStructureNodeFactory.ModelStructureSettings> {

    public static final String ID = "quiver.explain.model-structure";

    static final String NO_STRUCTURE = "This model has no coefficients or tree structure to show; use Permutation"
            + " Importance (or SHAP) to see what it relies on.";

    @Description("No settings: the node shows what the model publishes.")
    public record ModelStructureSettings() {
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Model Coefficients / Structure",
            "Interpretability",
            "For a linear model (logistic regression): its weight per class and feature, and the intercept; the"
                    + " weights are per unit of the feature as the model saw it, so compare them only on standardised"
                    + " features. For a decision tree or random forest: how many nodes split on each feature (its"
                    + " share of all splits). Models without either (SVMs with kernels, neural networks) give an"
                    + " empty table and a warning: use Permutation Importance or SHAP for them.",
            List.of(PortDescriptor.required("model", PortType.MODEL, "The model to inspect.")),
            List.of(PortDescriptor.required("structure", PortType.TABLE,
                    "kind (coefficient | split count), class (blank for trees), feature, value, share.")));

    static final TableSpec SPEC = TableSpec.of(new ColumnSpec("kind", ColumnType.STRING),
            new ColumnSpec("class", ColumnType.STRING), new ColumnSpec("feature", ColumnType.STRING),
            new ColumnSpec("value", ColumnType.DOUBLE), new ColumnSpec("share", ColumnType.DOUBLE));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ModelStructureSettings> settingsType() {
        return ModelStructureSettings.class;
    }

    @Override
    public ModelStructureSettings defaultSettings() {
        return new ModelStructureSettings();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, ModelStructureSettings settings, ConfigureContext context) {
        return List.of(SPEC);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, ModelStructureSettings settings, ExecutionContext context) {
        Model model = inputs.get("model", Model.class);
        context.checkCanceled();
        Map<String, Object> details = model.details();
        var kind = new ArrayList<String>();
        var cls = new ArrayList<String>();
        var feature = new ArrayList<String>();
        var value = new ArrayList<Double>();
        var share = new ArrayList<Double>();
        String chartTitle = null;
        if (details.get("coefficients") instanceof Map<?, ?> byClass && !byClass.isEmpty()) {
            for (var c : byClass.entrySet()) {
                if (!(c.getValue() instanceof Map<?, ?> weights)) {
                    continue;
                }
                double total = 0;
                for (var w : weights.entrySet()) {
                    if (!"(intercept)".equals(w.getKey()) && w.getValue() instanceof Number n) {
                        total += Math.abs(n.doubleValue());
                    }
                }
                for (var w : weights.entrySet()) {
                    if (w.getValue() instanceof Number n) {
                        kind.add("coefficient");
                        cls.add(String.valueOf(c.getKey()));
                        feature.add(String.valueOf(w.getKey()));
                        value.add(n.doubleValue());
                        share.add("(intercept)".equals(w.getKey()) || total == 0 ? Double.NaN
                                : Math.abs(n.doubleValue()) / total);
                    }
                }
            }
            chartTitle = "Coefficients per class";
        } else if (details.get("splitCounts") instanceof Map<?, ?> counts && !counts.isEmpty()) {
            double total = 0;
            for (Object v : counts.values()) {
                total += v instanceof Number n ? n.doubleValue() : 0;
            }
            for (var e : counts.entrySet()) {
                if (e.getValue() instanceof Number n) {
                    kind.add("split count");
                    cls.add(null);
                    feature.add(String.valueOf(e.getKey()));
                    value.add(n.doubleValue());
                    share.add(total == 0 ? 0 : n.doubleValue() / total);
                }
            }
            chartTitle = "Splits per feature";
        }
        if (kind.isEmpty()) {
            context.warn(NO_STRUCTURE);
            return NodeResult.of(Table.empty(SPEC));
        }
        Table out = Table.of(StringColumn.of("kind", kind.toArray(String[]::new)),
                StringColumn.of("class", cls.toArray(String[]::new)),
                StringColumn.of("feature", feature.toArray(String[]::new)),
                DoubleColumn.of("value", value.stream().mapToDouble(Double::doubleValue).toArray()),
                DoubleColumn.of("share", share.stream().mapToDouble(Double::doubleValue).toArray()));
        boolean coefficients = kind.get(0).equals("coefficient");
        ChartSpec chart = coefficients
                ? ChartSpec.of("coefficients", chartTitle, out, Mark.BAR,
                        new Channel("x", "value", FieldType.QUANTITATIVE, "weight"),
                        new Channel("y", "feature", FieldType.NOMINAL, "feature"),
                        Channel.color("class", FieldType.NOMINAL))
                : ChartSpec.of("splits", chartTitle, out, Mark.BAR,
                        new Channel("x", "value", FieldType.QUANTITATIVE, "splits"),
                        new Channel("y", "feature", FieldType.NOMINAL, "feature"));
        return NodeResult.of(out).withChart(chart);
    }
}
