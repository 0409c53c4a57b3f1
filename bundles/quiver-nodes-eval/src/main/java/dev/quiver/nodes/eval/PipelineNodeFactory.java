package dev.quiver.nodes.eval;

import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PipelineModel;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Bundles fitted preprocessing steps and a model into one model that takes raw rows: the artifact a
 * team deploys, saves with Model Writer and scores with {@code quiver predict}.
 */
@Component(service = NodeFactory.class)
public final class PipelineNodeFactory implements NodeFactory<PipelineNodeFactory.PipelineSettings> {
    public static final String ID = "quiver.model.pipeline";
    static final int MAX_STEPS = 5;

    /** The steps are the wires; nothing to set. */
    public record PipelineSettings() {
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Pipeline", "Modelling",
            """
            Chains fitted transforms (Missing Values, Normalizer, One-Hot Encoder, PCA, …) and a fitted model into \
            one model that takes the raw columns: new rows go through step 1, then step 2, …, then the model, \
            exactly as the training rows did. Connect the steps in the order they were applied; unconnected \
            steps are skipped. Save the result with Model Writer (or `quiver run --out`) and score new files \
            with `quiver predict PIPELINE INPUT.csv`.""",
            ports(), List.of(PortDescriptor.required("model", PortType.MODEL,
                    "The pipeline, usable wherever a model is: Predict, Scorer, Model Writer.")));

    private static List<PortDescriptor> ports() {
        var ports = new ArrayList<PortDescriptor>();
        for (int i = 1; i <= MAX_STEPS; i++) {
            ports.add(PortDescriptor.optional("step" + i, PortType.TRANSFORM, "Fitted transform applied " + ordinal(i) + "."));
        }
        ports.add(PortDescriptor.required("model", PortType.MODEL, "The fitted model applied last."));
        return ports;
    }

    private static String ordinal(int i) {
        return switch (i) {
            case 1 -> "first";
            case 2 -> "second";
            case 3 -> "third";
            default -> i + "th";
        };
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<PipelineSettings> settingsType() {
        return PipelineSettings.class;
    }

    @Override
    public PipelineSettings defaultSettings() {
        return new PipelineSettings();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, PipelineSettings settings, ConfigureContext context) {
        if (!(inputs.get("model", PortSpec.class) instanceof ModelSpec model)) {
            return List.of(PortSpec.unknown(PortType.MODEL));
        }
        var steps = new ArrayList<TransformSpec>();
        for (int i = 1; i <= MAX_STEPS; i++) {
            Optional<PortSpec> step = inputs.optional("step" + i, PortSpec.class);
            if (step.isPresent()) {
                if (!(step.get() instanceof TransformSpec t)) {
                    return List.of(PortSpec.unknown(PortType.MODEL));
                }
                steps.add(t);
            }
        }
        return List.of(PipelineModel.specOf(steps, model));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, PipelineSettings settings, ExecutionContext context) {
        var steps = new ArrayList<Transform>();
        for (int i = 1; i <= MAX_STEPS; i++) {
            inputs.optional("step" + i, Transform.class).ifPresent(steps::add);
        }
        return NodeResult.of(PipelineModel.of(steps, inputs.get("model", Model.class)));
    }
}
