package dev.quiver.nodes.features;

import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Replaces each nominal value by its index among the column's categories. */
@Component(service = NodeFactory.class)
public final class OrdinalNodeFactory implements NodeFactory<OrdinalSettings> {
    public static final String ID = "quiver.features.ordinal";

    private static final NodeDescriptor DESCRIPTOR = FitApply.descriptor(ID, "Ordinal Encoder",
            """
            Replaces each value of the chosen nominal columns by its index among the column's categories: \
            0 for the first, 1 for the second, … (scikit-learn's OrdinalEncoder). The categories are the \
            column's values in domain order (alphabetical unless the column says otherwise). The column \
            keeps its name and becomes a double column; a missing cell stays missing.

            The codes impose an order and equal spacing that the categories may not have: tree models cope, \
            linear models usually want the One-Hot Encoder instead. A category the transform did not see \
            when fitted fails the run, naming the column and value, or (MISSING) becomes a missing cell.""",
            "The table with each encoded column replaced by its codes.",
            "The fitted encoder, to apply to other tables.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<OrdinalSettings> settingsType() {
        return OrdinalSettings.class;
    }

    @Override
    public OrdinalSettings defaultSettings() {
        return OrdinalSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, OrdinalSettings settings, ConfigureContext context) {
        return FitApply.configure(inputs, new OrdinalLearner(settings));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, OrdinalSettings settings, ExecutionContext context) {
        return FitApply.execute(inputs, new OrdinalLearner(settings), context);
    }
}
