package dev.quiver.nodes.tribuo;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tribuo.MutableDataset;
import org.tribuo.classification.dtree.CARTClassificationTrainer;

/** A single CART classification tree (Tribuo's CARTClassificationTrainer). */
@Component(service = NodeFactory.class)
public final class DecisionTreeNodeFactory implements NodeFactory<DecisionTreeNodeFactory.DecisionTreeSettings> {

    public static final String ID = "quiver.tribuo.decision-tree";

    @Description("A CART tree: each node splits the rows on one feature at the threshold that most lowers the"
            + " weighted impurity of its two children; a leaf predicts its rows' class frequencies.")
    public record DecisionTreeSettings(
            @Label("Max depth")
            @Description("The longest path from the root to a leaf. Deeper trees fit finer detail and overfit sooner.")
            @Range(min = 1, max = 200)
            int maxDepth,
            @Label("Min child weight")
            @Description("A split is made only if both children keep at least this many rows (summed row weights).")
            @Range(min = 0, max = 1000)
            double minChildWeight,
            @Label("Min impurity decrease")
            @Description("A split is made only if it lowers the weighted impurity by at least this much; 0 = any gain.")
            @Range(min = 0, max = 1)
            double minImpurityDecrease,
            @Label("Impurity")
            @Description("Gini index 1 − Σ p_k² or entropy −Σ p_k·log p_k of the class shares p_k in a node.")
            Impurity impurity,
            @Label("Features per split")
            @Description("The share of features tried at each split, drawn at random; 1 = all (a classic CART tree).")
            @Range(min = 0.01, max = 1)
            double featuresPerSplit,
            @Label("Random split points")
            @Description("Try one random threshold per feature instead of every midpoint (extremely randomised trees).")
            boolean randomSplitPoints,
            @Label("Seed")
            @Description("Seeds the feature sampling and random thresholds; unused when both are off.")
            @Tunable(false)
            long seed) {

        public DecisionTreeSettings {
            impurity = impurity == null ? Impurity.GINI : impurity;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Decision Tree", "Learners",
            "A configured CART classification tree (Tribuo `CARTClassificationTrainer`). The tree splits the rows"
                    + " on one numeric feature at a time, choosing the threshold that most lowers the impurity"
                    + " (Gini or entropy) of the two children, until the maximum depth or the minimum child weight"
                    + " stops it. A leaf predicts the class shares of its training rows as probabilities. Trees need"
                    + " no feature scaling; nominal features need a One-Hot Encoder first.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<DecisionTreeSettings> settingsType() {
        return DecisionTreeSettings.class;
    }

    @Override
    public DecisionTreeSettings defaultSettings() {
        return new DecisionTreeSettings(8, 5, 0, Impurity.GINI, 1.0, false, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, DecisionTreeSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, DecisionTreeSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    static CARTClassificationTrainer trainer(int maxDepth, double minChildWeight, double minImpurityDecrease,
            Impurity impurity, double featuresPerSplit, boolean randomSplitPoints, long seed) {
        if (randomSplitPoints && featuresPerSplit >= 1) {
            // Tribuo refuses this combination; saying why beats its stack trace.
            throw new InvalidInputException("Random split points need 'Features per split' below 1 (it is "
                    + featuresPerSplit + "). Lower 'Features per split', or turn random split points off.");
        }
        return new CARTClassificationTrainer(maxDepth, (float) minChildWeight, (float) minImpurityDecrease,
                (float) featuresPerSplit, randomSplitPoints, impurity.tribuo(), seed);
    }

    static final class Learner extends TribuoClassifierLearner<DecisionTreeSettings> {
        static final String NAME = "Decision tree";

        Learner(DecisionTreeSettings settings) {
            super(settings);
        }

        @Override
        String name() {
            return NAME;
        }

        @Override
        String nodeTypeId() {
            return ID;
        }

        @Override
        Learner withSettings(DecisionTreeSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return settings.seed();
        }

        @Override
        Trained train(MutableDataset<org.tribuo.classification.Label> data, ModelSpec spec, ExecutionContext context) {
            DecisionTreeSettings s = settings;
            var trainer = trainer(s.maxDepth(), s.minChildWeight(), s.minImpurityDecrease(), s.impurity(),
                    s.featuresPerSplit(), s.randomSplitPoints(), s.seed());
            // Tribuo grows the tree in one call without a hook: progress is reported before and after it.
            context.progress(0.05, "Growing the tree");
            return new Trained(new TreeClassifier(spec, trainer.train(data)), trainer.toString());
        }
    }
}
