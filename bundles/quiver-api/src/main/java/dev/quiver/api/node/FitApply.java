package dev.quiver.api.node;

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
 * The shape shared by nodes that fit a transform on their input and apply it at once (input
 * {@code table}; outputs {@code table} and {@code transform}, in that order): the node and Apply
 * Transform then run the same code, so the training rows and new rows are treated alike.
 */
public final class FitApply {
    private FitApply() {
    }

    /** Output specs: the transformed table's spec and the transform's, or unknown while the input is. */
    public static List<PortSpec> configure(Ports<PortSpec> inputs, TransformLearner learner) {
        if (!(inputs.get("table", PortSpec.class) instanceof TableSpec spec)) {
            return List.of(PortSpec.unknown(PortType.TABLE), PortSpec.unknown(PortType.TRANSFORM));
        }
        TransformSpec transform = learner.configure(spec);
        return List.of(transform.apply(spec), transform);
    }

    /** Fits on the input (first half of the progress), then applies (second half). */
    public static NodeResult execute(Ports<PortObject> inputs, TransformLearner learner, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        Transform transform = learner.fit(table, context.subProgress(0, 0.5));
        Table out = transform.apply(table, context.subProgress(0.5, 1));
        context.progress(1, "Done");
        return NodeResult.of(out, transform);
    }
}
