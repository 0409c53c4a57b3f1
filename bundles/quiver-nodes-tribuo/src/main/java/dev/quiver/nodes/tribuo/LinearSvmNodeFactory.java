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
import dev.quiver.nodes.tribuo.LogisticRegressionNodeFactory.Optimiser;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tribuo.MutableDataset;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.Hinge;

/** A linear support-vector machine trained by stochastic gradient descent on the hinge loss (Tribuo's LinearSGDTrainer). */
@Component(service = NodeFactory.class)
public final class LinearSvmNodeFactory implements NodeFactory<LinearSvmNodeFactory.LinearSvmSettings> {

    public static final String ID = "quiver.tribuo.linear-svm";

    @Description("A linear maximum-margin classifier: one score w_k·x + b_k per class, fitted by minimising the"
            + " hinge loss max(0, 1 − margin) plus (λ/2)·‖W‖² with stochastic gradient descent.")
    public record LinearSvmSettings(
            @Label("Optimiser")
            @Description("How each gradient becomes an update (SGD, momentum, AdaGrad, RMSProp or Adam), as in"
                    + " Logistic Regression.")
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
            @Description("λ in hinge loss + (λ/2)·‖W‖² per row: a larger λ asks for a wider margin and tolerates"
                    + " more training errors (λ plays the role of 1/(C·n) in a LIBSVM-style SVM). 0 = none.")
            @Range(min = 0, max = 10)
            double l2,
            @Label("Minibatch size")
            @Description("Rows per gradient step; 1 is classic stochastic gradient descent.")
            @Range(min = 1, max = 4096)
            int minibatchSize,
            @Label("Seed")
            @Description("Seeds the row order of every epoch: the same seed and data give the same model.")
            @Tunable(false)
            long seed) {

        public LinearSvmSettings {
            optimiser = optimiser == null ? Optimiser.ADAGRAD : optimiser;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Linear SVM (SGD)", "Learners",
            "A configured linear support-vector machine (Tribuo `LinearSGDTrainer` with the `Hinge` objective)."
                    + " Each class k gets a score w_k·x + b_k; training pushes the true class's score at least 1"
                    + " above the others (the hinge loss max(0, 1 − margin)) while the L2 penalty keeps the weights"
                    + " small, i.e. the margin wide. It predicts the class with the highest score; the scores are"
                    + " margins, not probabilities, so P(<class>) is 1 for the predicted class and 0 otherwise."
                    + " Scale the features (Normalizer) first.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<LinearSvmSettings> settingsType() {
        return LinearSvmSettings.class;
    }

    @Override
    public LinearSvmSettings defaultSettings() {
        return new LinearSvmSettings(Optimiser.ADAGRAD, 1.0, 20, 1e-4, 1, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, LinearSvmSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, LinearSvmSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    static final class Learner extends TribuoClassifierLearner<LinearSvmSettings> {
        static final String NAME = "Linear SVM";

        Learner(LinearSvmSettings settings) {
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
        Learner withSettings(LinearSvmSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return settings.seed();
        }

        @Override
        Trained train(MutableDataset<org.tribuo.classification.Label> data, ModelSpec spec, ExecutionContext context) {
            var optimiser = MonitoredOptimiser.of(
                    LogisticRegressionLearner.optimiser(settings.optimiser(), settings.learningRate()), settings.l2(),
                    settings.minibatchSize(), context, data.size(), settings.epochs());
            var trainer = new LinearSGDTrainer(new Hinge(), optimiser, settings.epochs(), -1, settings.minibatchSize(),
                    settings.seed());
            return new Trained(new LinearClassifier(spec, trainer.train(data), false), trainer.toString());
        }
    }
}
