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

/** Rescales numeric columns by z-score or min-max, and emits the fitted scaler as a transform. */
@Component(service = NodeFactory.class)
public final class NormalizerNodeFactory implements NodeFactory<NormalizerSettings> {
    public static final String ID = "quiver.prep.normalizer";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Normalizer", "Preprocessing",
            """
            Rescales numeric columns so that they are comparable. **Z-score**: z = (x − mean) / σ, with the \
            population standard deviation σ (divide by n, ddof = 0, like scikit-learn's StandardScaler); a \
            constant column keeps σ = 1 and a warning. **Min-max**: y = lo + (x − min) / (max − min) · (hi − lo), \
            like MinMaxScaler. Missing cells stay missing and are ignored when learning the statistics. \
            Normalized columns become double.

            The *transform* output holds the statistics learned here; feed it to Apply Transform to scale \
            test or new data the same way, without leaking their statistics into training.""",
            List.of(PortDescriptor.required("table", PortType.TABLE, "The table to learn the statistics from and rescale.")),
            List.of(PortDescriptor.required("table", PortType.TABLE, "The rescaled table."),
                    PortDescriptor.required("transform", PortType.TRANSFORM,
                            "The fitted scaler, to apply to other tables.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<NormalizerSettings> settingsType() {
        return NormalizerSettings.class;
    }

    @Override
    public NormalizerSettings defaultSettings() {
        return NormalizerSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, NormalizerSettings settings, ConfigureContext context) {
        return FitApply.configure(inputs, new NormalizerLearner(settings));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, NormalizerSettings settings, ExecutionContext context) {
        return FitApply.execute(inputs, new NormalizerLearner(settings), context);
    }
}
