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

/** Makes skewed numeric columns more symmetric with log and power transforms. */
@Component(service = NodeFactory.class)
public final class PowerTransformNodeFactory implements NodeFactory<PowerTransformSettings> {
    public static final String ID = "quiver.features.power-transform";

    private static final NodeDescriptor DESCRIPTOR = FitApply.descriptor(ID, "Power Transform",
            """
            Makes skewed columns more symmetric and closer to normal, which helps linear models, distance-based \
            models and tests that assume normality. **Log**: ln x (x > 0). **Log1p**: ln(1 + x) (x > −1). \
            **Box-Cox**: (x^λ − 1) / λ, ln x at λ = 0 (x > 0). **Yeo-Johnson**: ((x + 1)^λ − 1) / λ for x ≥ 0 and \
            −((1 − x)^(2−λ) − 1) / (2 − λ) for x < 0, defined for every number.

            For Box-Cox and Yeo-Johnson, λ maximises the normal log-likelihood of the transformed column, \
            ℓ(λ) = −n/2 · ln σ²(λ) + (λ − 1) Σ ln J(x) (J: |dx'/dx| up to λ), found by Brent's method from the \
            bracket (−2, 2), exactly as scikit-learn's PowerTransformer; λ may leave that bracket. With \
            *standardize*, the result is then centred and scaled to unit variance. Missing cells stay missing \
            and are ignored when fitting.""",
            "The table with the chosen columns transformed.",
            "The fitted transform (λ, mean and scale per column), to apply to other tables.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<PowerTransformSettings> settingsType() {
        return PowerTransformSettings.class;
    }

    @Override
    public PowerTransformSettings defaultSettings() {
        return PowerTransformSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, PowerTransformSettings settings, ConfigureContext context) {
        return FitApply.configure(inputs, new PowerTransformLearner(settings));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, PowerTransformSettings settings, ExecutionContext context) {
        return FitApply.execute(inputs, new PowerTransformLearner(settings), context);
    }
}
