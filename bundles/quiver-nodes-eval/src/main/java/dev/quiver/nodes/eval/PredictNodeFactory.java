package dev.quiver.nodes.eval;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Applies any fitted model to a table and appends its prediction (and class probability) columns. */
@Component(service = NodeFactory.class)
public final class PredictNodeFactory implements NodeFactory<PredictNodeFactory.PredictSettings> {

    public static final String ID = "quiver.model.predict";

    /** Predict has nothing to set: the model knows its features and outputs. */
    public record PredictSettings() {
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Predict", "Modelling",
            "Applies the model to every row of the table and appends the column `prediction` and, for a classifier,"
                    + " one probability column `P(<class>)` per class. The table needs the columns the model was"
                    + " trained on.",
            List.of(PortDescriptor.required("model", PortType.MODEL, "The fitted model."),
                    PortDescriptor.required("table", PortType.TABLE, "The rows to predict.")),
            List.of(PortDescriptor.required("table", PortType.TABLE, "The input with the prediction columns appended.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<PredictSettings> settingsType() {
        return PredictSettings.class;
    }

    @Override
    public PredictSettings defaultSettings() {
        return new PredictSettings();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, PredictSettings settings, ConfigureContext context) {
        PortSpec model = inputs.get("model", PortSpec.class);
        PortSpec table = inputs.get("table", PortSpec.class);
        if (!(model instanceof ModelSpec ms) || !(table instanceof TableSpec ts)) {
            return List.of(PortSpec.unknown(PortType.TABLE));
        }
        return List.of(outputSpec(ms, ts));
    }

    static TableSpec outputSpec(ModelSpec model, TableSpec table) {
        model.checkInput(table);
        List<ColumnSpec> predicted = model.predictionColumns();
        for (ColumnSpec c : predicted) {
            if (table.contains(c.name())) {
                throw new InvalidInputException("The input already has a column named '" + c.name()
                        + "', which Predict would overwrite. Remove or rename it first (Column Filter or Column Rename).");
            }
        }
        var out = new ArrayList<>(table.columns());
        out.addAll(predicted);
        return new TableSpec(out);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, PredictSettings settings, ExecutionContext context) {
        Model model = inputs.get("model", Model.class);
        Table table = inputs.get("table", Table.class);
        outputSpec(model.spec(), table.spec());
        context.checkCanceled();
        context.progress(0, "Predicting " + table.rowCount() + " rows");
        Table predictions = model.predict(table, context.subProgress(0, 1));
        if (predictions.rowCount() != table.rowCount()) {
            throw new IllegalStateException(model.spec().name() + " returned " + predictions.rowCount()
                    + " predictions for " + table.rowCount() + " rows");
        }
        context.progress(1, "Predicted " + table.rowCount() + " rows");
        return NodeResult.of(table.withColumns(predictions.columns()));
    }
}
