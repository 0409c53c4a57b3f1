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
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Tunable;
import dev.quiver.nodes.tribuo.LogisticRegressionNodeFactory.Optimiser;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.RegressionObjective;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.AbsoluteLoss;
import org.tribuo.regression.sgd.objectives.Huber;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/** Linear regression ŷ = w·x + b trained by stochastic gradient descent (Tribuo's regression LinearSGDTrainer). */
@Component(service = NodeFactory.class)
public final class LinearRegressionNodeFactory implements NodeFactory<LinearRegressionNodeFactory.LinearRegressionSettings> {

    public static final String ID = "quiver.tribuo.linear-regression";

    /** What a residual r = y − ŷ costs. */
    public enum Loss {
        /** r²/2: ordinary least squares; large residuals dominate. */
        SQUARED,
        /** |r|: least absolute deviations, robust to outliers (fits the conditional median). */
        ABSOLUTE,
        /** r²/2 for |r| ≤ 1, |r| − ½ beyond: squared near zero, absolute for outliers. */
        HUBER
    }

    @Description("Linear regression ŷ = w·x + b, fitted by minimising the mean loss of the residuals with stochastic"
            + " gradient descent.")
    public record LinearRegressionSettings(
            @Label("Loss")
            @Description("Squared (least squares), absolute (least absolute deviations) or Huber (squared for small"
                    + " residuals, absolute for large ones).")
            Loss loss,
            @Label("Optimiser")
            @Description("How each gradient becomes an update; AdaGrad scales every weight's step by its past"
                    + " gradients.")
            Optimiser optimiser,
            @Label("Learning rate")
            @Description("The step size η of each update.")
            @Range(min = 1e-5, max = 10, log = true)
            double learningRate,
            @Label("Epochs")
            @Description("Passes over the training rows, each in a new random order.")
            @Range(min = 1, max = 100_000)
            @Tunable(budget = true)
            int epochs,
            @Label("L2 penalty")
            @Description("λ in loss + (λ/2)·‖w‖² per row (ridge): pulls the weights, not the intercept, towards zero."
                    + " Applied as weight decay, since Tribuo's trainer has no penalty of its own.")
            @Range(min = 0, max = 10)
            double l2,
            @Label("Minibatch size")
            @Description("Rows per gradient step; 1 is classic stochastic gradient descent.")
            @Range(min = 1, max = 4096)
            int minibatchSize,
            @Label("Seed")
            @Description("Seeds the row order of every epoch.")
            @Tunable(false)
            long seed) {

        public LinearRegressionSettings {
            loss = loss == null ? Loss.SQUARED : loss;
            optimiser = optimiser == null ? Optimiser.ADAGRAD : optimiser;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Linear Regression", "Learners",
            "A configured linear-regression learner (Tribuo's regression `LinearSGDTrainer`): ŷ = w·x + b, fitted by"
                    + " stochastic gradient descent on the squared, absolute or Huber loss, with an optional L2"
                    + " (ridge) penalty. Scale the features (Normalizer) so one learning rate suits every weight."
                    + " Reports progress and checks cancellation after every epoch.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<LinearRegressionSettings> settingsType() {
        return LinearRegressionSettings.class;
    }

    @Override
    public LinearRegressionSettings defaultSettings() {
        return new LinearRegressionSettings(Loss.SQUARED, Optimiser.ADAGRAD, 0.1, 100, 0, 1, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, LinearRegressionSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, LinearRegressionSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    static final class Learner extends TribuoRegressorLearner<LinearRegressionSettings> {
        static final String NAME = "Linear regression";

        Learner(LinearRegressionSettings settings) {
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
        Learner withSettings(LinearRegressionSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return settings.seed();
        }

        @Override
        Trainer<Regressor> trainer(MutableDataset<Regressor> data, ExecutionContext context) {
            LinearRegressionSettings s = settings;
            RegressionObjective objective = switch (s.loss()) {
                case SQUARED -> new SquaredLoss();
                case ABSOLUTE -> new AbsoluteLoss();
                case HUBER -> new Huber();
            };
            var optimiser = MonitoredOptimiser.of(LogisticRegressionLearner.optimiser(s.optimiser(), s.learningRate()),
                    s.l2(), s.minibatchSize(), context, data.size(), s.epochs());
            return new LinearSGDTrainer(objective, optimiser, s.epochs(), -1, s.minibatchSize(), s.seed());
        }
    }
}
