package dev.quiver.nodes.prep;

import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.FitApply;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Fills or drops missing cells, and emits the fitted imputer as a transform. */
@Component(service = NodeFactory.class)
public final class MissingValuesNodeFactory implements NodeFactory<MissingValuesSettings> {
    public static final String ID = "quiver.prep.missing-values";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Missing Values", "Preprocessing",
            """
            Treats missing cells column by column, like scikit-learn's SimpleImputer: numeric columns take the \
            column's **mean**, **median**, **most frequent** value or a **constant**; nominal and boolean \
            columns take the most frequent value or a constant. Either kind can instead **drop** every row \
            with a missing cell, or be left alone. Ties for the most frequent value go to the smallest value.

            The statistics are learned on this node's input. The *transform* output applies the same fill \
            values to other tables (Apply Transform), so test data is filled with training statistics.""",
            List.of(PortDescriptor.required("table", PortType.TABLE, "The table with missing cells.")),
            List.of(PortDescriptor.required("table", PortType.TABLE, "The table with missing cells treated."),
                    PortDescriptor.required("transform", PortType.TRANSFORM,
                            "The fitted imputer, to apply to other tables.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<MissingValuesSettings> settingsType() {
        return MissingValuesSettings.class;
    }

    @Override
    public MissingValuesSettings defaultSettings() {
        return MissingValuesSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, MissingValuesSettings settings, ConfigureContext context) {
        return FitApply.configure(inputs, new MissingValuesLearner(settings));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, MissingValuesSettings settings, ExecutionContext context) {
        return FitApply.execute(inputs, new MissingValuesLearner(settings), context);
    }
}
