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
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.libsvm.SVMClassificationType.SVMMode;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;

/** A kernel support-vector machine (LIBSVM's C-SVC through Tribuo). */
@Component(service = NodeFactory.class)
public final class SvmNodeFactory implements NodeFactory<SvmNodeFactory.SvmSettings> {

    public static final String ID = "quiver.tribuo.svm";

    /** The similarity k(x, z) the SVM works with. */
    public enum Kernel {
        /** exp(−γ‖x − z‖²): smooth, local boundaries; the usual first choice. */
        RBF(KernelType.RBF),
        /** x·z: a linear boundary (for many features, the LIBLINEAR node is faster). */
        LINEAR(KernelType.LINEAR),
        /** (γ·x·z + r)^d: polynomial boundaries of degree d. */
        POLYNOMIAL(KernelType.POLY),
        /** tanh(γ·x·z + r). */
        SIGMOID(KernelType.SIGMOID);

        private final KernelType type;

        Kernel(KernelType type) {
            this.type = type;
        }
    }

    @Description("A maximum-margin classifier: it minimises ½‖w‖² + C·Σ hinge losses in the feature space of the"
            + " kernel; the decision function is a weighted sum of kernels with the support vectors.")
    public record SvmSettings(
            @Label("Kernel")
            @Description("The similarity k(x, z): RBF exp(−γ‖x − z‖²), linear x·z, polynomial (γ·x·z + r)^d or"
                    + " sigmoid tanh(γ·x·z + r).")
            Kernel kernel,
            @Label("Cost C")
            @Description("Weight of the margin violations against the margin width: large C fits the training rows"
                    + " closely, small C gives a smoother boundary.")
            @Range(min = 1e-4, max = 1e4, log = true)
            double cost,
            @Label("Gamma")
            @Description("γ of the RBF, polynomial and sigmoid kernels: how far one row's influence reaches (small γ ="
                    + " far). 0 = automatic, 1 / (features × variance of all feature values), as scikit-learn's"
                    + " gamma='scale'.")
            @Range(min = 0, max = 1000)
            double gamma,
            @Label("Degree")
            @Description("d of the polynomial kernel.")
            @Range(min = 1, max = 10)
            int degree,
            @Label("Coefficient r")
            @Description("r of the polynomial and sigmoid kernels.")
            @Range(min = -100, max = 100)
            double coef0,
            @Label("Probabilities")
            @Description("Fit Platt's sigmoid on internal 5-fold cross-validation to turn decision values into class"
                    + " probabilities (slower). Off: P(<class>) is 1 for the predicted class and 0 otherwise.")
            boolean probabilities,
            @Label("Seed")
            @Description("Seeds the internal cross-validation of the probability fit.")
            @Tunable(false)
            long seed) {

        public SvmSettings {
            kernel = kernel == null ? Kernel.RBF : kernel;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Support Vector Machine", "Learners",
            "A configured kernel SVM classifier (LIBSVM C-SVC through Tribuo `LibSVMClassificationTrainer`). It finds"
                    + " the boundary with the widest margin between the classes in the feature space of the kernel;"
                    + " several classes are handled one pair at a time (one-vs-one voting). With probabilities on,"
                    + " Platt scaling gives P(<class>). Scale the features first: the kernels compare distances.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<SvmSettings> settingsType() {
        return SvmSettings.class;
    }

    @Override
    public SvmSettings defaultSettings() {
        return new SvmSettings(Kernel.RBF, 1.0, 0, 3, 0, true, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, SvmSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, SvmSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    /** scikit-learn's gamma="scale": 1 / (number of features × variance of every feature value of every row). */
    static double scaleGamma(MutableDataset<org.tribuo.classification.Label> data) {
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (Example<org.tribuo.classification.Label> e : data) {
            for (Feature f : e) {
                sum += f.getValue();
                sumSq += f.getValue() * f.getValue();
                n++;
            }
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        int features = data.getFeatureMap().size();
        return variance > 0 ? 1.0 / (features * variance) : 1.0;
    }

    static final class Learner extends TribuoClassifierLearner<SvmSettings> {
        static final String NAME = "Support vector machine";

        static {
            // LIBSVM prints its solver log to standard output, where the command line writes results.
            libsvm.svm.svm_set_print_string_function(s -> { });
        }

        Learner(SvmSettings settings) {
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
        Learner withSettings(SvmSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return settings.seed();
        }

        @Override
        Trained train(MutableDataset<org.tribuo.classification.Label> data, ModelSpec spec, ExecutionContext context) {
            var parameters = new SVMParameters<>(new SVMClassificationType(SVMMode.C_SVC), settings.kernel().type);
            parameters.setCost(settings.cost());
            parameters.setGamma(settings.gamma() > 0 ? settings.gamma() : scaleGamma(data));
            parameters.setDegree(settings.degree());
            parameters.setCoeff(settings.coef0());
            if (settings.probabilities()) {
                parameters.setProbability();
            }
            var trainer = new LibSVMClassificationTrainer(parameters, settings.seed());
            // LIBSVM solves in one call without a hook: progress is reported before and after it.
            context.progress(0.05, "Solving with LIBSVM (" + settings.kernel() + " kernel)");
            return new Trained(new TribuoClassifier(spec, trainer.train(data), settings.probabilities()),
                    trainer.toString() + ", gamma=" + parameters.getGamma());
        }
    }
}
