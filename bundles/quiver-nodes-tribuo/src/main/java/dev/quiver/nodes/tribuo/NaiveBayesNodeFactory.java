package dev.quiver.nodes.tribuo;

import dev.quiver.api.InvalidInputException;
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
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.classification.mnb.MultinomialNaiveBayesTrainer;

/** Multinomial naive Bayes (Tribuo's MultinomialNaiveBayesTrainer). */
@Component(service = NodeFactory.class)
public final class NaiveBayesNodeFactory implements NodeFactory<NaiveBayesNodeFactory.NaiveBayesSettings> {

    public static final String ID = "quiver.tribuo.multinomial-naive-bayes";

    @Description("Treats each row's non-negative feature values as counts drawn from a class-specific multinomial:"
            + " p(class k | x) ∝ π_k · Π_j θ_kj^x_j, with θ_kj the class's smoothed share of feature j.")
    public record NaiveBayesSettings(
            @Label("Smoothing α")
            @Description("Additive (Laplace/Lidstone) smoothing: θ_kj = (N_kj + α) / (N_k + α·d), so a feature never"
                    + " seen in a class does not make that class impossible. 1 is Laplace smoothing.")
            @Range(min = 1e-6, max = 100, log = true)
            double alpha) {
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Multinomial Naive Bayes", "Learners",
            "A configured multinomial naive-Bayes classifier (Tribuo `MultinomialNaiveBayesTrainer`), the classic"
                    + " model for counts such as word frequencies. Training only counts: θ_kj = (N_kj + α)/(N_k + α·d)"
                    + " where N_kj sums feature j over the rows of class k, and π_k is the class share. Prediction"
                    + " adds log π_k + Σ_j x_j·log θ_kj and normalises with a softmax, like scikit-learn's"
                    + " `MultinomialNB`. Features must be non-negative: use counts, or a Normalizer in min-max mode,"
                    + " never a z-score. No seed: the fit is deterministic.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<NaiveBayesSettings> settingsType() {
        return NaiveBayesSettings.class;
    }

    @Override
    public NaiveBayesSettings defaultSettings() {
        return new NaiveBayesSettings(1.0);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, NaiveBayesSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, NaiveBayesSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    static final class Learner extends TribuoClassifierLearner<NaiveBayesSettings> {
        static final String NAME = "Multinomial naive Bayes";

        Learner(NaiveBayesSettings settings) {
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
        Learner withSettings(NaiveBayesSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return 0;
        }

        @Override
        Trained train(MutableDataset<org.tribuo.classification.Label> data, ModelSpec spec, ExecutionContext context) {
            int row = 0;
            for (Example<org.tribuo.classification.Label> e : data) {
                for (Feature f : e) {
                    if (f.getValue() < 0) {
                        throw new InvalidInputException("Feature '" + f.getName() + "' is " + f.getValue()
                                + " in training row " + (row + 1) + "; multinomial naive Bayes needs non-negative"
                                + " values (counts). Use a min-max Normalizer instead of a z-score, or another learner.");
                    }
                }
                row++;
            }
            var trainer = new MultinomialNaiveBayesTrainer(settings.alpha());
            return new Trained(new TribuoClassifier(spec, trainer.train(data)), trainer.toString());
        }
    }
}
