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

/** Adds powers and products of numeric columns, so linear models can fit curved relationships. */
@Component(service = NodeFactory.class)
public final class PolynomialNodeFactory implements NodeFactory<PolynomialSettings> {
    public static final String ID = "quiver.features.polynomial";

    private static final NodeDescriptor DESCRIPTOR = FitApply.descriptor(ID, "Polynomial Features",
            """
            Replaces the chosen numeric columns by every product of them up to a total degree, like \
            scikit-learn's PolynomialFeatures, with the same columns in the same order: for a and b at \
            degree 2, `a, b, a^2, a b, b^2` (and `1` first with the bias column). A linear model on these \
            columns fits a polynomial surface: y = w₀ + w₁a + w₂b + w₃a² + w₄ab + w₅b². \
            *Interaction terms only* keeps products of distinct columns (a b) and drops powers (a^2).

            The number of columns grows as C(n + d, d): the node fails above the column limit, and warns \
            when there are more columns than rows. A missing cell makes every term that uses it missing.""",
            "The table with the chosen columns replaced by their polynomial expansion.",
            "The expansion, to apply to other tables.");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<PolynomialSettings> settingsType() {
        return PolynomialSettings.class;
    }

    @Override
    public PolynomialSettings defaultSettings() {
        return PolynomialSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, PolynomialSettings settings, ConfigureContext context) {
        return FitApply.configure(inputs, new PolynomialLearner(settings));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, PolynomialSettings settings, ExecutionContext context) {
        return FitApply.execute(inputs, new PolynomialLearner(settings), context);
    }
}
