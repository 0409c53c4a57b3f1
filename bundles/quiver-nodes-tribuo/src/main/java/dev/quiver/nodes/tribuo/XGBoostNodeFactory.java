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
import org.tribuo.MutableDataset;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer.BoosterType;
import org.tribuo.common.xgboost.XGBoostTrainer.LoggingVerbosity;
import org.tribuo.common.xgboost.XGBoostTrainer.TreeMethod;

/** Gradient-boosted trees (XGBoost 1.6 through Tribuo). */
@Component(service = NodeFactory.class)
public final class XGBoostNodeFactory implements NodeFactory<XGBoostNodeFactory.XGBoostSettings> {

    public static final String ID = "quiver.tribuo.xgboost";

    /** How XGBoost finds split points. */
    public enum SplitSearch {
        /** Every distinct value of every feature: exact, slow on large tables. */
        EXACT(TreeMethod.EXACT),
        /** Quantile sketches recomputed per tree. */
        APPROX(TreeMethod.APPROX),
        /** Features bucketed once into histograms: the fast choice for large tables. */
        HIST(TreeMethod.HIST);

        private final TreeMethod method;

        SplitSearch(TreeMethod method) {
            this.method = method;
        }

        TreeMethod method() {
            return method;
        }
    }

    @Description("Boosting: tree t is fitted to the gradient of the loss (softmax cross-entropy for classes, squared"
            + " error for numbers) left by trees 1…t−1; the trees' scores, each shrunk by the learning rate, add up.")
    public record XGBoostSettings(
            @Label("Trees")
            @Description("Boosting rounds. With a small learning rate more rounds are needed; too many overfit.")
            @Range(min = 1, max = 10_000)
            @Tunable(budget = true)
            int trees,
            @Label("Learning rate")
            @Description("η: each tree's contribution is multiplied by η. Smaller η with more trees generalises better.")
            @Range(min = 1e-3, max = 1, log = true)
            double learningRate,
            @Label("Max depth")
            @Description("The depth of each tree; interactions between up to this many features can be learned.")
            @Range(min = 1, max = 20)
            int maxDepth,
            @Label("Min child weight")
            @Description("A split is made only if each child keeps at least this much Hessian weight: its row count"
                    + " for squared error, roughly Σ p·(1 − p) over its rows for the softmax loss.")
            @Range(min = 0, max = 100)
            double minChildWeight,
            @Label("Min split loss γ")
            @Description("A split is made only if it lowers the regularised loss by at least γ.")
            @Range(min = 0, max = 100)
            double gamma,
            @Label("Row subsample")
            @Description("The share of rows each tree is grown on, drawn without replacement.")
            @Range(min = 0.05, max = 1)
            double subsample,
            @Label("Feature subsample")
            @Description("The share of features each tree may use.")
            @Range(min = 0.05, max = 1)
            double featureSubsample,
            @Label("L2 on leaf weights λ")
            @Description("Penalty λ·Σ w² on the leaf scores: shrinks them towards zero.")
            @Range(min = 0, max = 100)
            double lambda,
            @Label("L1 on leaf weights α")
            @Description("Penalty α·Σ |w| on the leaf scores: sets small ones to exactly zero.")
            @Range(min = 0, max = 100)
            double alpha,
            @Label("Split search")
            @Description("EXACT tries every value, APPROX quantile sketches, HIST pre-built histograms (fastest).")
            @Tunable(false)
            SplitSearch splitSearch,
            @Label("Seed")
            @Description("Seeds the row and feature subsampling.")
            @Tunable(false)
            long seed) {

        public XGBoostSettings {
            splitSearch = splitSearch == null ? SplitSearch.HIST : splitSearch;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Gradient Boosted Trees (XGBoost)",
            "Learners",
            "A configured gradient-boosted-trees classifier (XGBoost 1.6 through Tribuo"
                    + " `XGBoostClassificationTrainer`, softmax objective). Trees are added one at a time, each fitted"
                    + " to what the previous ones got wrong (the gradient and Hessian of the cross-entropy), with"
                    + " shrinkage η and penalties γ, λ, α that keep each tree small. P(<class>) is the softmax of the"
                    + " summed tree scores. XGBoost trains all rounds in one native call: progress is reported"
                    + " before and after it, and cancellation takes effect when it returns.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<XGBoostSettings> settingsType() {
        return XGBoostSettings.class;
    }

    @Override
    public XGBoostSettings defaultSettings() {
        return new XGBoostSettings(100, 0.3, 6, 1, 0, 1, 1, 1, 0, SplitSearch.HIST, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, XGBoostSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, XGBoostSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    static final class Learner extends TribuoClassifierLearner<XGBoostSettings> {
        static final String NAME = "Gradient boosted trees (XGBoost)";

        Learner(XGBoostSettings settings) {
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
        Learner withSettings(XGBoostSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return settings.seed();
        }

        @Override
        Trained train(MutableDataset<org.tribuo.classification.Label> data, ModelSpec spec, ExecutionContext context) {
            XGBoostSettings s = settings;
            var trainer = new XGBoostClassificationTrainer(BoosterType.GBTREE, s.splitSearch().method, s.trees(),
                    s.learningRate(), s.gamma(), s.maxDepth(), s.minChildWeight(), s.subsample(),
                    s.featureSubsample(), s.lambda(), s.alpha(), Math.max(1, context.parallelism()),
                    LoggingVerbosity.SILENT, s.seed());
            context.progress(0.05, "Boosting " + s.trees() + " trees with XGBoost");
            return new Trained(new TribuoClassifier(spec, trainer.train(data)), trainer.toString());
        }
    }
}
