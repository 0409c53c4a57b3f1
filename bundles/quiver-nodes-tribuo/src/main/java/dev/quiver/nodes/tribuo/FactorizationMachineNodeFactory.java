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
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;

/** A factorization machine classifier trained by SGD on the cross-entropy (Tribuo's FMClassificationTrainer). */
@Component(service = NodeFactory.class)
public final class FactorizationMachineNodeFactory
        implements NodeFactory<FactorizationMachineNodeFactory.FactorizationMachineSettings> {

    public static final String ID = "quiver.tribuo.factorization-machine";

    @Description("A linear model plus all pairwise feature interactions with low-rank weights:"
            + " score_k(x) = b_k + w_k·x + Σ_{i<j} ⟨v_ki, v_kj⟩·x_i·x_j, turned into probabilities by a softmax.")
    public record FactorizationMachineSettings(
            @Label("Optimiser")
            @Description("How each gradient becomes an update (SGD, momentum, AdaGrad, RMSProp or Adam).")
            Optimiser optimiser,
            @Label("Learning rate")
            @Description("The step size η of each update; AdaGrad tolerates about 0.1–1, Adam wants 0.001–0.01.")
            @Range(min = 1e-5, max = 10, log = true)
            double learningRate,
            @Label("Epochs")
            @Description("Passes over the training rows; each pass visits the rows in a new random order.")
            @Range(min = 1, max = 100_000)
            @Tunable(budget = true)
            int epochs,
            @Label("Factors")
            @Description("The rank r of the interaction weights: each feature gets an r-dimensional vector v_i per"
                    + " class, and the weight of the pair (i, j) is their dot product. Larger r, richer interactions.")
            @Range(min = 1, max = 256)
            int factors,
            @Label("Initial spread")
            @Description("Standard deviation of the Gaussian the factor vectors start from; small values start close"
                    + " to a plain linear model.")
            @Range(min = 1e-4, max = 1, log = true)
            double variance,
            @Label("Minibatch size")
            @Description("Rows per gradient step; 1 is classic stochastic gradient descent.")
            @Range(min = 1, max = 4096)
            int minibatchSize,
            @Label("Seed")
            @Description("Seeds the initial factors and the row order: the same seed and data give the same model.")
            @Tunable(false)
            long seed) {

        public FactorizationMachineSettings {
            optimiser = optimiser == null ? Optimiser.ADAGRAD : optimiser;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Factorization Machine", "Learners",
            "A configured factorization-machine classifier (Rendle 2010; Tribuo `FMClassificationTrainer` with the"
                    + " `LogMulticlass` objective). It is logistic regression plus every pairwise interaction x_i·x_j,"
                    + " whose weight is the dot product of two learned r-dimensional factor vectors, so d features"
                    + " need d·r interaction parameters instead of d². P(<class>) = softmax of the scores. Scale the"
                    + " features (Normalizer) first. No L2 penalty: Tribuo's trainer has none, and the factors are"
                    + " kept small by the initial spread and the number of epochs.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<FactorizationMachineSettings> settingsType() {
        return FactorizationMachineSettings.class;
    }

    @Override
    public FactorizationMachineSettings defaultSettings() {
        return new FactorizationMachineSettings(Optimiser.ADAGRAD, 0.1, 20, 4, 0.1, 1, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, FactorizationMachineSettings settings,
            ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, FactorizationMachineSettings settings,
            ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    static final class Learner extends TribuoClassifierLearner<FactorizationMachineSettings> {
        static final String NAME = "Factorization machine";

        Learner(FactorizationMachineSettings settings) {
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
        Learner withSettings(FactorizationMachineSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return settings.seed();
        }

        @Override
        Trained train(MutableDataset<org.tribuo.classification.Label> data, ModelSpec spec, ExecutionContext context) {
            // L2 0: MonitoredOptimiser's decay assumes the linear layout (bias as the last weight column), which an
            // FM's parameters do not have; it still gives progress, cancellation and the divergence check.
            var optimiser = MonitoredOptimiser.of(
                    LogisticRegressionLearner.optimiser(settings.optimiser(), settings.learningRate()), 0,
                    settings.minibatchSize(), context, data.size(), settings.epochs());
            var trainer = new FMClassificationTrainer(new LogMulticlass(), optimiser, settings.epochs(), -1,
                    settings.minibatchSize(), settings.seed(), settings.factors(), settings.variance());
            return new Trained(new TribuoClassifier(spec, trainer.train(data)), trainer.toString());
        }
    }
}
