package dev.quiver.nodes.features;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.List;

/**
 * The shape shared by nodes that fit a transform on their input and apply it at once (outputs
 * {@code table} and {@code transform}): the node and Apply Transform then run the same code.
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
        if (!(inputs.get("table", PortSpec.class) instanceof TableSpec spec)) {
            return List.of(PortSpec.unknown(PortType.TABLE), PortSpec.unknown(PortType.TRANSFORM));
        }
        TransformSpec transform = learner.configure(spec);
        return List.of(transform.apply(spec), transform);
    }

    static NodeResult execute(Ports<PortObject> inputs, TransformLearner learner, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        Transform transform = learner.fit(table, context.subProgress(0, 0.5));
        Table out = transform.apply(table, context.subProgress(0.5, 1));
        context.progress(1, "Done");
        return NodeResult.of(out, transform);
    }
}
