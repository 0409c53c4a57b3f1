package dev.quiver.nodes.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
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
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.ExtraTreesTrainer;

/** Extremely randomised trees (Tribuo's ExtraTreesTrainer over CART trees with random split points). */
@Component(service = NodeFactory.class)
public final class ExtraTreesNodeFactory implements NodeFactory<ExtraTreesNodeFactory.ExtraTreesSettings> {

    public static final String ID = "quiver.tribuo.extra-trees";

    @Description("Many CART trees grown on all the rows, each split choosing among a random share of the features"
            + " and, per feature, one random threshold; the ensemble averages the trees' class probabilities.")
    public record ExtraTreesSettings(
            @Label("Trees")
            @Description("How many trees to grow. More trees give steadier probabilities and cost time linearly.")
            @Range(min = 1, max = 10_000)
            @Tunable(budget = true)
            int trees,
            @Label("Max depth")
            @Description("The longest path from a tree's root to a leaf.")
            @Range(min = 1, max = 200)
            int maxDepth,
            @Label("Min child weight")
            @Description("A split is made only if both children keep at least this many rows.")
            @Range(min = 0, max = 1000)
            double minChildWeight,
            @Label("Features per split")
            @Description("The share of features tried at each split (below 1: Tribuo draws random thresholds only"
                    + " among a feature subset). √d/d is a common choice for d features.")
            @Range(min = 0.01, max = 0.99)
            double featuresPerSplit,
            @Label("Impurity")
            @Description("Gini index 1 − Σ p_k² or entropy −Σ p_k·log p_k of the class shares p_k in a node.")
            Impurity impurity,
            @Label("Seed")
            @Description("Seeds the feature draws and the random thresholds: the same seed gives the same trees.")
            @Tunable(false)
            long seed) {

        public ExtraTreesSettings {
            impurity = impurity == null ? Impurity.GINI : impurity;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Extra Trees", "Learners",
            "A configured extremely-randomised-trees classifier (Tribuo `ExtraTreesTrainer`; Geurts, Ernst and"
                    + " Wehenkel 2006). Unlike a random forest, every tree sees all rows (no bootstrap), and at each"
                    + " split each candidate feature gets one threshold drawn uniformly between its minimum and"
                    + " maximum in the node; the best of those random splits is taken. More randomness, less"
                    + " variance, and faster trees. P(<class>) is the mean of the trees' leaf class shares."
                    + " Reports progress and checks cancellation after every tree.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ExtraTreesSettings> settingsType() {
        return ExtraTreesSettings.class;
    }

    @Override
    public ExtraTreesSettings defaultSettings() {
        return new ExtraTreesSettings(100, 20, 1, 0.5, Impurity.GINI, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, ExtraTreesSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, ExtraTreesSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    /** Tribuo's extra-trees trainer, reporting progress and checking cancellation once per tree. */
    private static final class MonitoredExtraTreesTrainer extends ExtraTreesTrainer<org.tribuo.classification.Label> {
        private final ExecutionContext context;
        private final int trees;
        private int grown;

        MonitoredExtraTreesTrainer(ExtraTreesSettings s, ExecutionContext context) {
            super(DecisionTreeNodeFactory.trainer(s.maxDepth(), s.minChildWeight(), 0, s.impurity(),
                    s.featuresPerSplit(), true, s.seed()), new FullyWeightedVotingCombiner(), s.trees(), s.seed());
            this.context = context;
            this.trees = s.trees();
        }

        @Override
        protected Model<org.tribuo.classification.Label> trainSingleModel(Dataset<org.tribuo.classification.Label> examples,
                ImmutableFeatureMap featureIDs, ImmutableOutputInfo<org.tribuo.classification.Label> labelIDs,
                int randomInt, Map<String, Provenance> runProvenance, int invocationCount) {
            context.checkCanceled();
            Model<org.tribuo.classification.Label> tree = super.trainSingleModel(examples, featureIDs, labelIDs,
                    randomInt, runProvenance, invocationCount);
            grown++;
            context.progress((double) grown / trees, "Tree " + grown + " of " + trees);
            return tree;
        }
    }

    static final class Learner extends TribuoClassifierLearner<ExtraTreesSettings> {
        static final String NAME = "Extra trees";

        Learner(ExtraTreesSettings settings) {
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
        Learner withSettings(ExtraTreesSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return settings.seed();
        }

        @Override
        Trained train(MutableDataset<org.tribuo.classification.Label> data, ModelSpec spec, ExecutionContext context) {
            var trainer = new MonitoredExtraTreesTrainer(settings, context);
            return new Trained(new TribuoClassifier(spec, trainer.train(data)), trainer.toString());
        }
    }
}
