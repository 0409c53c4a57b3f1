package dev.quiver.nodes.tribuo;

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
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.WeightedExamples;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.AdaBoostTrainer;
import org.tribuo.provenance.TrainerProvenance;

/** AdaBoost with the multi-class SAMME update over small CART trees (Tribuo's AdaBoostTrainer). */
@Component(service = NodeFactory.class)
public final class AdaBoostNodeFactory implements NodeFactory<AdaBoostNodeFactory.AdaBoostSettings> {

    public static final String ID = "quiver.tribuo.adaboost";

    @Description("Boosting: trees are fitted one after another on re-weighted rows, each round raising the weight of"
            + " the rows the last tree got wrong; the prediction is the weighted vote of the trees.")
    public record AdaBoostSettings(
            @Label("Rounds")
            @Description("How many trees to fit. Each round's tree has weight α = log((1 − err)/err) + log(K − 1)"
                    + " (SAMME, K classes); boosting stops early when a tree is perfect or no better than chance.")
            @Range(min = 1, max = 5_000)
            @Tunable(budget = true)
            int rounds,
            @Label("Tree depth")
            @Description("Depth of each weak tree; 1 is a decision stump, the classic choice.")
            @Range(min = 1, max = 30)
            int maxDepth,
            @Label("Impurity")
            @Description("Gini index or entropy, used to grow each weighted tree.")
            Impurity impurity,
            @Label("Seed")
            @Description("Seeds the trainer: the same seed and data give the same ensemble.")
            @Tunable(false)
            long seed) {

        public AdaBoostSettings {
            impurity = impurity == null ? Impurity.GINI : impurity;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "AdaBoost", "Learners",
            "A configured AdaBoost classifier (Tribuo `AdaBoostTrainer`, the multi-class SAMME algorithm of Zhu,"
                    + " Zou, Rosset and Hastie 2009) over CART trees of a chosen depth. Round m fits a tree to the"
                    + " rows weighted by w_i, computes its weighted error err_m and its say α_m = log((1 − err_m) /"
                    + " err_m) + log(K − 1), then multiplies the weight of every misclassified row by exp(α_m). The"
                    + " ensemble predicts argmax_k Σ_m α_m·[tree_m(x) = k]; P(<class>) is that vote normalised to"
                    + " sum to 1 (a vote share, not a calibrated probability).",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<AdaBoostSettings> settingsType() {
        return AdaBoostSettings.class;
    }

    @Override
    public AdaBoostSettings defaultSettings() {
        return new AdaBoostSettings(50, 1, Impurity.GINI, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, AdaBoostSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, AdaBoostSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    /**
     * The weak learner, wrapped so that each boosting round reports progress and checks cancellation:
     * AdaBoostTrainer calls its base trainer once per round. It stays a {@link WeightedExamples}
     * trainer, which AdaBoost needs.
     */
    private static final class MonitoredTreeTrainer implements Trainer<org.tribuo.classification.Label>, WeightedExamples {
        private final CARTClassificationTrainer tree;
        private final ExecutionContext context;
        private final int rounds;
        private int fitted;

        MonitoredTreeTrainer(CARTClassificationTrainer tree, ExecutionContext context, int rounds) {
            this.tree = tree;
            this.context = context;
            this.rounds = rounds;
        }

        @Override
        public Model<org.tribuo.classification.Label> train(Dataset<org.tribuo.classification.Label> examples,
                java.util.Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> runProvenance) {
            return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
        }

        @Override
        public Model<org.tribuo.classification.Label> train(Dataset<org.tribuo.classification.Label> examples,
                java.util.Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> runProvenance,
                int invocationCount) {
            context.checkCanceled();
            Model<org.tribuo.classification.Label> m = tree.train(examples, runProvenance, invocationCount);
            fitted++;
            context.progress(Math.min(1.0, (double) fitted / rounds), "Round " + fitted + " of " + rounds);
            return m;
        }

        @Override
        public int getInvocationCount() {
            return tree.getInvocationCount();
        }

        @Override
        public void setInvocationCount(int count) {
            tree.setInvocationCount(count);
        }

        @Override
        public TrainerProvenance getProvenance() {
            return tree.getProvenance();
        }

        @Override
        public String toString() {
            return tree.toString();
        }
    }

    static final class Learner extends TribuoClassifierLearner<AdaBoostSettings> {
        static final String NAME = "AdaBoost";
        private static final double MIN_CHILD_WEIGHT = 1e-9;

        Learner(AdaBoostSettings settings) {
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
        Learner withSettings(AdaBoostSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return settings.seed();
        }

        @Override
        Trained train(MutableDataset<org.tribuo.classification.Label> data, ModelSpec spec, ExecutionContext context) {
            // AdaBoost keeps row weights that sum to 1, so a leaf's weight is tiny: the minimum child weight must be
            // tinier still (Tribuo refuses 0) for a stump to split like scikit-learn's min_samples_leaf=1.
            var tree = DecisionTreeNodeFactory.trainer(settings.maxDepth(), MIN_CHILD_WEIGHT, 0, settings.impurity(),
                    1.0, false, settings.seed());
            var trainer = new AdaBoostTrainer(new MonitoredTreeTrainer(tree, context, settings.rounds()),
                    settings.rounds(), settings.seed());
            return new Trained(new TribuoClassifier(spec, trainer.train(data)), trainer.toString());
        }
    }
}
