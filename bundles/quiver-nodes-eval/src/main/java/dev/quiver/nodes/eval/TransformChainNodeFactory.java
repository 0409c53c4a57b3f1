package dev.quiver.nodes.eval;

import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformChain;
import dev.quiver.api.port.TransformSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Joins fitted preprocessing steps into one transform, so that nodes taking a single transform —
 * Cross-Validate, Hyperparameter Search — refit the whole chain inside every fold.
 */
@Component(service = NodeFactory.class)
public final class TransformChainNodeFactory implements NodeFactory<TransformChainNodeFactory.ChainSettings> {
    public static final String ID = "quiver.model.transform-chain";
    static final int MAX_STEPS = 5;

    /** The steps are the wires; nothing to set. */
    public record ChainSettings() {
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Chain Transforms", "Modelling",
            """
            Joins fitted transforms (Missing Values, Normalizer, One-Hot Encoder, PCA, …) into one transform that \
            applies them in order. Its refit capability refits every step in order, each on what the steps \
            before it made of the training rows, so connecting it to Cross-Validate or Hyperparameter Search \
            keeps the **whole** preprocessing inside each fold: no test-fold mean, variance or category leaks \
            into training. Connect the steps in the order they were applied; unconnected steps are skipped.""",
            ports(), List.of(PortDescriptor.required("transform", PortType.TRANSFORM,
                    "The steps as one transform: for Cross-Validate, Hyperparameter Search, Pipeline.")));

    private static List<PortDescriptor> ports() {
        var ports = new ArrayList<PortDescriptor>();
        ports.add(PortDescriptor.required("step1", PortType.TRANSFORM, "The fitted transform applied first."));
        for (int i = 2; i <= MAX_STEPS; i++) {
            ports.add(PortDescriptor.optional("step" + i, PortType.TRANSFORM, "Fitted transform applied next."));
        }
        return ports;
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ChainSettings> settingsType() {
        return ChainSettings.class;
    }

    @Override
    public ChainSettings defaultSettings() {
        return new ChainSettings();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, ChainSettings settings, ConfigureContext context) {
        var steps = new ArrayList<TransformSpec>();
        for (int i = 1; i <= MAX_STEPS; i++) {
            Optional<PortSpec> step = inputs.optional("step" + i, PortSpec.class);
            if (step.isPresent()) {
                if (!(step.get() instanceof TransformSpec t)) {
                    return List.of(PortSpec.unknown(PortType.TRANSFORM));
                }
                steps.add(t);
            }
        }
        TransformSpec chain = TransformChain.specOf(steps);
        // Passing the first step's training spec through every step names a column that a later
        // step needs but an earlier one removed, before anything runs.
        chain.apply(chain.input());
        return List.of(chain);
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, ChainSettings settings, ExecutionContext context) {
        var steps = new ArrayList<Transform>();
        for (int i = 1; i <= MAX_STEPS; i++) {
            inputs.optional("step" + i, Transform.class).ifPresent(steps::add);
        }
        return NodeResult.of(TransformChain.of(steps));
    }
}
