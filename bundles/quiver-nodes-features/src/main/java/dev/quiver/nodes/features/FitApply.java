package dev.quiver.nodes.features;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.TransformLearner;
import java.util.List;

/**
 * This bundle's fit-and-apply nodes: their common descriptor shape, and the API's
 * {@link dev.quiver.api.node.FitApply} for configure and execute.
 */
final class FitApply {
    static final String CATEGORY = "Feature engineering";

    private FitApply() {
    }

    /** A descriptor with one input {@code table} and outputs {@code table} and {@code transform}. */
    static NodeDescriptor descriptor(String id, String name, String description, String tableOut, String transformOut) {
        return new NodeDescriptor(id, 1, name, CATEGORY, description + """


                The *transform* output repeats this step, with what was fitted here, on other tables (Apply \
                Transform): test or new rows are treated the same way, and nothing is learned from them.""",
                List.of(PortDescriptor.required("table", PortType.TABLE, "The table to learn from and transform.")),
                List.of(PortDescriptor.required("table", PortType.TABLE, tableOut),
                        PortDescriptor.required("transform", PortType.TRANSFORM, transformOut)));
    }

    static List<PortSpec> configure(Ports<PortSpec> inputs, TransformLearner learner) {
        return dev.quiver.api.node.FitApply.configure(inputs, learner);
    }

    static NodeResult execute(Ports<PortObject> inputs, TransformLearner learner, ExecutionContext context) {
        return dev.quiver.api.node.FitApply.execute(inputs, learner, context);
    }
}
