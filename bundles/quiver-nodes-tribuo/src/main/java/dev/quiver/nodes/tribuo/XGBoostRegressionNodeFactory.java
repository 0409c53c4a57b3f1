package dev.quiver.nodes.tribuo;

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
import dev.quiver.nodes.tribuo.XGBoostNodeFactory.XGBoostSettings;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.common.xgboost.XGBoostTrainer.BoosterType;
import org.tribuo.common.xgboost.XGBoostTrainer.LoggingVerbosity;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer.RegressionType;

/** Gradient-boosted regression trees (XGBoost 1.6 through Tribuo), with the same settings as the classifier. */
@Component(service = NodeFactory.class)
public final class XGBoostRegressionNodeFactory implements NodeFactory<XGBoostSettings> {

    public static final String ID = "quiver.tribuo.xgboost-regression";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1,
            "Gradient Boosted Regression Trees (XGBoost)", "Learners",
            "A configured gradient-boosted-trees regressor (XGBoost 1.6 through Tribuo"
                    + " `XGBoostRegressionTrainer`, squared-error objective): each tree is fitted to the residuals the"
                    + " previous trees left, shrunk by the learning rate, and the prediction is the sum of all trees."
                    + " XGBoost trains all rounds in one native call: progress is reported before and after it.",
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
        return new XGBoostNodeFactory().defaultSettings();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, XGBoostSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, XGBoostSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    static final class Learner extends TribuoRegressorLearner<XGBoostSettings> {
        static final String NAME = "Gradient boosted regression trees (XGBoost)";

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
        Trainer<Regressor> trainer(MutableDataset<Regressor> data, ExecutionContext context) {
            XGBoostSettings s = settings;
            context.progress(0.05, "Boosting " + s.trees() + " trees with XGBoost");
            return new XGBoostRegressionTrainer(BoosterType.GBTREE, s.splitSearch().method(), RegressionType.LINEAR,
                    s.trees(), s.learningRate(), s.gamma(), s.maxDepth(), s.minChildWeight(), s.subsample(),
                    s.featureSubsample(), s.lambda(), s.alpha(), Math.max(1, context.parallelism()),
                    LoggingVerbosity.SILENT, s.seed());
        }
    }
}
