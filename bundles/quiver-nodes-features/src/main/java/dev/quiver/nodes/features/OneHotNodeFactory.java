package dev.quiver.nodes.features;

import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.TableSpec;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Replaces nominal columns by 0/1 indicator columns, one per category. */
@Component(service = NodeFactory.class)
public final class OneHotNodeFactory implements NodeFactory<OneHotSettings> {
    public static final String ID = "quiver.features.one-hot";

    private static final NodeDescriptor DESCRIPTOR = FitApply.descriptor(ID, "One-Hot Encoder",
            """
            Replaces each chosen nominal column by one indicator column per category, named `column=value`, \
            that is 1 where the row has that value and 0 elsewhere (scikit-learn's OneHotEncoder). The \
            categories are the column's values in domain order (alphabetical unless the column says \
            otherwise); a table keeps its domain across row subsets, so training and test partitions get \
            the same columns. A missing cell gives 0 in every indicator of its column.

            **Drop first category** leaves out the first indicator: k indicators always add up to 1, which \
            duplicates a linear model's intercept (perfect collinearity). A category the transform did not \
            see when fitted fails the run, naming the column and value, or (ALL_ZEROS) gets 0 everywhere.""",
            "The table with each encoded column replaced by its indicator columns.",
            "The fitted encoder, to apply to other tables.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<OneHotSettings> settingsType() {
        return OneHotSettings.class;
    }

    @Override
    public OneHotSettings defaultSettings() {
        return OneHotSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, OneHotSettings settings, ConfigureContext context) {
        if (inputs.get("table", PortSpec.class) instanceof TableSpec spec) {
            // The indicator columns follow from the categories; a column whose domain is not known yet
            // (empty spec domain) leaves the output unknown until the data arrives.
            List<ColumnSpec> cols = Categories.columns(spec, settings.columns(), OneHotLearner.NAME);
            if (cols.stream().anyMatch(c -> c.domain().isEmpty())) {
                return List.of(PortSpec.unknown(PortType.TABLE), PortSpec.unknown(PortType.TRANSFORM));
            }
        }
        return FitApply.configure(inputs, new OneHotLearner(settings));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, OneHotSettings settings, ExecutionContext context) {
        return FitApply.execute(inputs, new OneHotLearner(settings), context);
    }
}
