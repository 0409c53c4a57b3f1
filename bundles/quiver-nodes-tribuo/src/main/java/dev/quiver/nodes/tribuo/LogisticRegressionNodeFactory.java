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
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Multinomial logistic regression trained by stochastic gradient descent (Tribuo's LinearSGDTrainer). */
@Component(service = NodeFactory.class)
public final class LogisticRegressionNodeFactory
        implements NodeFactory<LogisticRegressionNodeFactory.LogisticRegressionSettings> {

    public static final String ID = "quiver.tribuo.logistic-regression";

    /** How a gradient becomes a weight update. */
    public enum Optimiser {
        /** Plain SGD: w += η·g. */
        SGD,
        /** SGD with momentum 0.9: a running sum of past gradients smooths the path. */
        MOMENTUM,
        /** AdaGrad: each weight's step is η divided by the root of its summed squared gradients. */
        ADAGRAD,
        /** RMSProp: like AdaGrad but with a decaying average (ρ = 0.9) of squared gradients. */
        RMSPROP,
        /** Adam: moving averages of the gradient (β1 = 0.9) and its square (β2 = 0.999), bias-corrected. */
        ADAM
    }

    @Description("Multinomial logistic regression: p(class k | x) = softmax(W·x + b)_k, fitted by minimising the"
            + " cross-entropy with stochastic gradient descent.")
    public record LogisticRegressionSettings(
            @Label("Optimiser")
            @Description("How each gradient becomes an update. AdaGrad divides the learning rate of every weight by"
                    + " the root of that weight's summed squared gradients, so steps shrink where gradients were large.")
            Optimiser optimiser,
            @Label("Learning rate")
            @Description("The step size η of each update. AdaGrad tolerates large values (about 1); plain SGD and"
                    + " Adam want small ones (0.01–0.1).")
            @Range(min = 1e-5, max = 10, log = true)
            double learningRate,
            @Label("Epochs")
            @Description("Passes over the training rows; each pass visits the rows in a new random order.")
            @Range(min = 1, max = 100_000)
            @Tunable(budget = true)
            int epochs,
            @Label("L2 penalty")
            @Description("λ in cross-entropy + (λ/2)·‖W‖² per row: pulls the weights (not the intercepts) towards"
                    + " zero against overfitting. 0 = none. Applied as weight decay in every step, since Tribuo's"
                    + " trainer has no penalty of its own.")
            @Range(min = 0, max = 10)
            double l2,
            @Label("Minibatch size")
            @Description("Rows per gradient step; 1 is classic stochastic gradient descent. Tribuo sums a batch's"
                    + " gradients and scales them by the batch size, so lower the learning rate for larger batches.")
            @Range(min = 1, max = 4096)
            int minibatchSize,
            @Label("Seed")
            @Description("Seeds the row order of every epoch: the same seed and data give the same model.")
            @Tunable(false)
            long seed) {

        public LogisticRegressionSettings {
            optimiser = optimiser == null ? Optimiser.ADAGRAD : optimiser;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Logistic Regression", "Learners",
            "A configured multinomial logistic-regression learner (Tribuo `LinearSGDTrainer` with the `LogMulticlass`"
                    + " objective). Connect it to Train, Cross-Validate or Hyperparameter Search. It predicts a"
                    + " class and one probability per class, p = softmax(W·x + b). Features must be numeric and"
                    + " complete: one-hot encode nominal columns and fill missing values first. Scale the features"
                    + " (Normalizer) so that one learning rate suits every weight.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<LogisticRegressionSettings> settingsType() {
        return LogisticRegressionSettings.class;
    }

    @Override
    public LogisticRegressionSettings defaultSettings() {
        return new LogisticRegressionSettings(Optimiser.ADAGRAD, 1.0, 20, 0.0, 1, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, LogisticRegressionSettings settings,
            ConfigureContext context) {
        return List.of(new LogisticRegressionLearner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, LogisticRegressionSettings settings, ExecutionContext context) {
        return NodeResult.of(new LogisticRegressionLearner(settings));
    }
}
