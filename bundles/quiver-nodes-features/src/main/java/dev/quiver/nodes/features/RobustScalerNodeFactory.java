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

/** Centres numeric columns on the median and scales them by a quantile range. */
@Component(service = NodeFactory.class)
public final class RobustScalerNodeFactory implements NodeFactory<RobustScalerSettings> {
    public static final String ID = "quiver.features.robust-scaler";

    private static final NodeDescriptor DESCRIPTOR = FitApply.descriptor(ID, "Robust Scaler",
            """
            Rescales numeric columns with statistics that outliers barely move, like scikit-learn's RobustScaler: \
            y = (x − median) / (Q₇₅ − Q₂₅). The quantiles interpolate linearly between neighbouring values \
            (numpy's default) and the range is a setting. A column whose quantile range is zero keeps scale 1, \
            with a warning. Missing cells stay missing and are ignored when learning the statistics.""",
            "The scaled table.", "The fitted scaler, to apply to other tables.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<RobustScalerSettings> settingsType() {
        return RobustScalerSettings.class;
    }

    @Override
    public RobustScalerSettings defaultSettings() {
        return RobustScalerSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, RobustScalerSettings settings, ConfigureContext context) {
        return FitApply.configure(inputs, new RobustScalerLearner(settings));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, RobustScalerSettings settings, ExecutionContext context) {
        return FitApply.execute(inputs, new RobustScalerLearner(settings), context);
    }
}
