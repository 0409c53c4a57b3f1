package dev.quiver.nodes.prep;

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
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Applies a fitted transform (scaler, imputer, PCA…) to a table. */
@Component(service = NodeFactory.class)
public final class ApplyTransformNodeFactory implements NodeFactory<ApplyTransformNodeFactory.ApplyTransformSettings> {
    public static final String ID = "quiver.prep.apply-transform";

    /** Apply Transform has nothing to configure. */
    public record ApplyTransformSettings() {
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Apply Transform", "Preprocessing",
            """
            Applies a fitted transform to a table: the statistics learned where the transform was made (for \
            example a Normalizer on the training partition) are used as they are, never re-learned from this \
            table. That is how test and new data are prepared without leaking their information into training.""",
            List.of(PortDescriptor.required("transform", PortType.TRANSFORM, "A fitted transform."),
                    PortDescriptor.required("table", PortType.TABLE, "The table to transform.")),
            List.of(PortDescriptor.required("table", PortType.TABLE, "The transformed table.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ApplyTransformSettings> settingsType() {
        return ApplyTransformSettings.class;
    }

    @Override
    public ApplyTransformSettings defaultSettings() {
        return new ApplyTransformSettings();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, ApplyTransformSettings settings, ConfigureContext context) {
        if (inputs.get("transform", PortSpec.class) instanceof TransformSpec transform
                && inputs.get("table", PortSpec.class) instanceof TableSpec table) {
            return List.of(transform.apply(table));
        }
        return List.of(PortSpec.unknown(PortType.TABLE));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, ApplyTransformSettings settings, ExecutionContext context) {
        Transform transform = inputs.get("transform", Transform.class);
        Table table = inputs.get("table", Table.class);
        Table out = transform.apply(table, context);
        context.progress(1, "Applied " + transform.spec().name());
        return NodeResult.of(out);
    }
}
