package dev.quiver.nodes.features;

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
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Scores numeric features and keeps the useful ones. */
@Component(service = NodeFactory.class)
public final class FeatureSelectNodeFactory implements NodeFactory<FeatureSelectSettings> {
    public static final String ID = "quiver.features.select";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Feature Selection", FitApply.CATEGORY,
            """
            Scores the candidate numeric columns and keeps some of them; every other column (the label, IDs, \
            nominal columns) passes through, and kept columns stay in table order.

            * **Variance threshold**: the population variance σ² = Σ(x − x̄)² / n; keeps σ² > threshold \
            (scikit-learn's VarianceThreshold). Variance depends on units: scale the columns first to compare them.
            * **Correlation with target**: |r| with r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²) (scikit-learn's \
            r_regression); a two-class label counts as 0/1 in domain order. Keeps the k largest.
            * **Correlation filter**: walks the candidates in table order and drops a column whose |r| with a column \
            already kept exceeds the threshold, so of a redundant pair the earlier one stays. Needs no label.
            * **Mutual information**: I(X; Y) = Σ p(x, y) ln(p(x, y) / (p(x) p(y))) in nats, with each feature cut into \
            equal-frequency bins (quantiles) and the counts of the table as probabilities. Unlike r, it sees any \
            dependence, not only linear. Keeps the k largest.
            * **mRMR** (max-relevance, min-redundancy; Peng, Long and Ding 2005): picks the most informative \
            feature, then repeatedly the one maximising I(f; y) − mean I(f; s) over those picked, so near-copies \
            of a chosen feature are passed over.

            Correlations and information use the rows where the values involved are present. The *scores* output \
            lists every candidate with its score, whether it was selected and its rank. The *transform* drops \
            the same columns from other tables; refitting it (as Cross-Validate does) selects again on each \
            training fold, which keeps the evaluation honest.""",
            List.of(PortDescriptor.required("table", PortType.TABLE, "The table to choose features from.")),
            List.of(PortDescriptor.required("table", PortType.TABLE, "The table with only the selected candidates."),
                    PortDescriptor.required("transform", PortType.TRANSFORM,
                            "The selection, to apply to other tables."),
                    PortDescriptor.required("scores", PortType.TABLE,
                            "One row per candidate: feature, score, selected, rank (1 = best).")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<FeatureSelectSettings> settingsType() {
        return FeatureSelectSettings.class;
    }

    @Override
    public FeatureSelectSettings defaultSettings() {
        return FeatureSelectSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, FeatureSelectSettings settings, ConfigureContext context) {
        if (!(inputs.get("table", PortSpec.class) instanceof TableSpec spec)) {
            return List.of(PortSpec.unknown(PortType.TABLE), PortSpec.unknown(PortType.TRANSFORM),
                    PortSpec.unknown(PortType.TABLE));
        }
        var learner = new FeatureSelectLearner(settings);
        List<String> candidates = learner.candidates(spec);
        // Which columns survive is decided by the data, so the table and transform are known only after execution.
        return List.of(PortSpec.unknown(PortType.TABLE), PortSpec.unknown(PortType.TRANSFORM),
                FeatureSelectLearner.scoresSpec(candidates));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, FeatureSelectSettings settings, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        var fitted = (FeatureSelectLearner.Fitted) new FeatureSelectLearner(settings).fit(table, context.subProgress(0, 0.9));
        Table out = fitted.apply(table, context.subProgress(0.9, 1));
        context.progress(1, "Kept " + fitted.selected().size() + " features");
        return NodeResult.of(out, fitted, fitted.scores());
    }
}
