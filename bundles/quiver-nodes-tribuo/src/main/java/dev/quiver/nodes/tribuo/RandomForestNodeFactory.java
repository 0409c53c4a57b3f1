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
import org.tribuo.common.tree.RandomForestTrainer;

/** A random forest of CART trees on bootstrap samples (Tribuo's RandomForestTrainer). */
@Component(service = NodeFactory.class)
public final class RandomForestNodeFactory implements NodeFactory<RandomForestNodeFactory.RandomForestSettings> {

    public static final String ID = "quiver.tribuo.random-forest";

    @Description("Many CART trees, each grown on a bootstrap sample of the rows and trying a random share of the"
            + " features at every split; the forest averages the trees' class probabilities.")
    public record RandomForestSettings(
            @Label("Trees")
            @Description("How many trees to grow. More trees give steadier probabilities and never overfit more,"
                    + " but cost time linearly.")
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
            @Description("The share of features tried at each split, drawn anew for every split: lower values make"
                    + " the trees more different from each other. √d/d is a common choice for d features.")
            @Range(min = 0.01, max = 0.99)
            double featuresPerSplit,
            @Label("Impurity")
            @Description("Gini index 1 − Σ p_k² or entropy −Σ p_k·log p_k of the class shares p_k in a node.")
            Impurity impurity,
            @Label("Seed")
            @Description("Seeds the bootstrap samples and the feature draws: the same seed gives the same forest.")
            @Tunable(false)
            long seed) {

        public RandomForestSettings {
            impurity = impurity == null ? Impurity.GINI : impurity;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Random Forest", "Learners",
            "A configured random-forest classifier (Tribuo `RandomForestTrainer` over CART trees). Each tree is"
                    + " grown on a bootstrap sample (n rows drawn with replacement) and tries only a random share of"
                    + " the features at each split, so the trees err differently; the forest's probability for a"
                    + " class is the mean of the trees' probabilities (Tribuo `FullyWeightedVotingCombiner`), like"
                    + " scikit-learn's `predict_proba`. Reports progress and checks cancellation after every tree.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<RandomForestSettings> settingsType() {
        return RandomForestSettings.class;
    }

    @Override
    public RandomForestSettings defaultSettings() {
        return new RandomForestSettings(100, 20, 1, 0.5, Impurity.GINI, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, RandomForestSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, RandomForestSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    /**
     * Tribuo's forest trainer with a hook: it grows one tree per {@code trainSingleModel} call, so
     * that is where progress is reported and cancellation checked.
     */
    private static final class MonitoredForestTrainer extends RandomForestTrainer<org.tribuo.classification.Label> {
        private final ExecutionContext context;
        private final int trees;
        private int grown;

        MonitoredForestTrainer(RandomForestSettings s, ExecutionContext context) {
            super(DecisionTreeNodeFactory.trainer(s.maxDepth(), s.minChildWeight(), 0, s.impurity(),
                    s.featuresPerSplit(), false, s.seed()), new FullyWeightedVotingCombiner(), s.trees(), s.seed());
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

    static final class Learner extends TribuoClassifierLearner<RandomForestSettings> {
        static final String NAME = "Random forest";

        Learner(RandomForestSettings settings) {
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
        Learner withSettings(RandomForestSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return settings.seed();
        }

        @Override
        Trained train(MutableDataset<org.tribuo.classification.Label> data, ModelSpec spec, ExecutionContext context) {
            var trainer = new MonitoredForestTrainer(settings, context);
            return new Trained(new TribuoClassifier(spec, trainer.train(data)), trainer.toString());
        }
    }
}
