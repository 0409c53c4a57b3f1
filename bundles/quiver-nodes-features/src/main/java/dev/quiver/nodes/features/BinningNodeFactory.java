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

/** Discretises numeric columns into intervals. */
@Component(service = NodeFactory.class)
public final class BinningNodeFactory implements NodeFactory<BinningSettings> {
    public static final String ID = "quiver.features.binning";

    private static final NodeDescriptor DESCRIPTOR = FitApply.descriptor(ID, "Binning",
            """
            Replaces each value of the chosen numeric columns by the interval it falls into, like \
            scikit-learn's KBinsDiscretizer. **Equal width**: k bins of width (max − min) / k. **Equal \
            frequency**: edges at the 0, 100/k, 200/k, … 100th percentiles (linear interpolation), so each \
            bin holds about n / k rows; bins narrower than 1e-8 are merged. **Custom**: your own edges.

            A bin includes its lower edge: value x goes to bin i when edgeᵢ ≤ x < edgeᵢ₊₁. With learned \
            edges the outer bins reach to −inf and inf, so new values beyond the training range land in \
            them; with custom edges such values become missing. The output is a nominal label such as \
            `[4.3, 5.02)` or the bin index 0, 1, 2, …; a missing cell stays missing.""",
            "The table with each binned column replaced by its bins.",
            "The fitted edges, to apply to other tables.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<BinningSettings> settingsType() {
        return BinningSettings.class;
    }

    @Override
    public BinningSettings defaultSettings() {
        return BinningSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, BinningSettings settings, ConfigureContext context) {
        return FitApply.configure(inputs, new BinningLearner(settings));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, BinningSettings settings, ExecutionContext context) {
        return FitApply.execute(inputs, new BinningLearner(settings), context);
    }
}
