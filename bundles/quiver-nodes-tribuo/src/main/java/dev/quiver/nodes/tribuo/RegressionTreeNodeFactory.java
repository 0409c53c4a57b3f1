package dev.quiver.nodes.tribuo;

import dev.quiver.api.InvalidInputException;
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
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanAbsoluteError;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/** A CART regression tree (Tribuo's CARTRegressionTrainer). */
@Component(service = NodeFactory.class)
public final class RegressionTreeNodeFactory implements NodeFactory<RegressionTreeNodeFactory.RegressionTreeSettings> {

    public static final String ID = "quiver.tribuo.regression-tree";

    /** How a node's spread of target values is measured; a split must lower it. */
    public enum Criterion {
        /** Mean squared deviation from the node's mean: leaves predict the mean. */
        MSE,
        /** Mean absolute deviation: less swayed by outliers. */
        MAE
    }

    @Description("A CART regression tree: each split on one feature most lowers the weighted spread of the target in"
            + " its two children; a leaf predicts the mean target of its rows.")
    public record RegressionTreeSettings(
            @Label("Max depth")
            @Description("The longest path from the root to a leaf.")
            @Range(min = 1, max = 200)
            int maxDepth,
            @Label("Min child weight")
            @Description("A split is made only if both children keep at least this many rows.")
            @Range(min = 0, max = 1000)
            double minChildWeight,
            @Label("Min impurity decrease")
            @Description("A split is made only if it lowers the weighted impurity by at least this much.")
            @Range(min = 0, max = 1e6)
            double minImpurityDecrease,
            @Label("Criterion")
            @Description("Mean squared error or mean absolute error of the target within a node.")
            Criterion criterion,
            @Label("Features per split")
            @Description("The share of features tried at each split, drawn at random; 1 = all.")
            @Range(min = 0.01, max = 1)
            double featuresPerSplit,
            @Label("Seed")
            @Description("Seeds the feature sampling; unused when every feature is tried.")
            @Tunable(false)
            long seed) {

        public RegressionTreeSettings {
            criterion = criterion == null ? Criterion.MSE : criterion;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Regression Tree", "Learners",
            "A configured CART regression tree (Tribuo `CARTRegressionTrainer`). It splits the rows on one numeric"
                    + " feature at a time, choosing the threshold that most lowers the squared (or absolute) spread of"
                    + " the target in the two children, until the maximum depth or the minimum child weight stops it;"
                    + " a leaf predicts its rows' mean. Needs no feature scaling.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<RegressionTreeSettings> settingsType() {
        return RegressionTreeSettings.class;
    }

    @Override
    public RegressionTreeSettings defaultSettings() {
        return new RegressionTreeSettings(8, 5, 0, Criterion.MSE, 1.0, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, RegressionTreeSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, RegressionTreeSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    static final class Learner extends TribuoRegressorLearner<RegressionTreeSettings> {
        static final String NAME = "Regression tree";

        Learner(RegressionTreeSettings settings) {
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
        Learner withSettings(RegressionTreeSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return settings.seed();
        }

        @Override
        Trainer<Regressor> trainer(MutableDataset<Regressor> data, ExecutionContext context) {
            RegressionTreeSettings s = settings;
            if (s.featuresPerSplit() <= 0) {
                throw new InvalidInputException("'Features per split' must be above 0; it is " + s.featuresPerSplit() + ".");
            }
            return new CARTRegressionTrainer(s.maxDepth(), (float) s.minChildWeight(), (float) s.minImpurityDecrease(),
                    (float) s.featuresPerSplit(), false,
                    s.criterion() == Criterion.MSE ? new MeanSquaredError() : new MeanAbsoluteError(), s.seed());
        }
    }
}
