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
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.liblinear.LinearClassificationType.LinearType;

/** Regularised linear classifiers solved exactly by LIBLINEAR: L1/L2 logistic regression and linear SVMs. */
@Component(service = NodeFactory.class)
public final class LibLinearNodeFactory implements NodeFactory<LibLinearNodeFactory.LibLinearSettings> {

    public static final String ID = "quiver.tribuo.liblinear";

    /** The objective LIBLINEAR minimises; multi-class problems are solved one class against the rest. */
    public enum Solver {
        /** ½‖w‖² + C·Σ log(1 + e^(−y·w·x)): logistic regression with an L2 penalty (primal trust-region Newton). */
        L2_LOGISTIC(LinearType.L2R_LR),
        /** ‖w‖₁ + C·Σ log(1 + e^(−y·w·x)): logistic regression with an L1 penalty, which sets weights to exactly 0. */
        L1_LOGISTIC(LinearType.L1R_LR),
        /** ½‖w‖² + C·Σ max(0, 1 − y·w·x)²: linear SVM, squared hinge loss (dual coordinate descent). */
        L2_SVM(LinearType.L2R_L2LOSS_SVC_DUAL),
        /** ½‖w‖² + C·Σ max(0, 1 − y·w·x): linear SVM, hinge loss (dual coordinate descent). */
        L2_SVM_HINGE(LinearType.L2R_L1LOSS_SVC_DUAL),
        /** ‖w‖₁ + C·Σ max(0, 1 − y·w·x)²: sparse linear SVM. */
        L1_SVM(LinearType.L1R_L2LOSS_SVC),
        /** Crammer and Singer's multi-class SVM: one joint problem instead of one-vs-rest. */
        CRAMMER_SINGER(LinearType.MCSVM_CS);

        private final LinearType type;

        Solver(LinearType type) {
            this.type = type;
        }

        boolean probabilistic() {
            return this == L2_LOGISTIC || this == L1_LOGISTIC;
        }
    }

    @Description("A linear classifier w·x + b fitted by LIBLINEAR to a penalised loss; C weighs the loss against"
            + " the penalty.")
    public record LibLinearSettings(
            @Label("Solver")
            @Description("The loss (logistic, hinge or squared hinge) and penalty (L2 shrinks all weights, L1 sets"
                    + " many to zero). Only the logistic solvers give probabilities.")
            Solver solver,
            @Label("Cost C")
            @Description("Weight of the training loss against the penalty: large C fits the training rows closely,"
                    + " small C regularises more (C is 1/λ).")
            @Range(min = 1e-5, max = 1e5, log = true)
            double cost,
            @Label("Max iterations")
            @Description("Upper bound on the solver's iterations.")
            @Tunable(false)
            @Range(min = 1, max = 1_000_000)
            int maxIterations,
            @Label("Tolerance")
            @Description("The solver stops when its optimality measure falls below this.")
            @Tunable(false)
            @Range(min = 1e-8, max = 1, log = true)
            double tolerance,
            @Label("Seed")
            @Description("Seeds the order in which the dual solvers visit the rows.")
            @Tunable(false)
            long seed) {

        public LibLinearSettings {
            solver = solver == null ? Solver.L2_LOGISTIC : solver;
        }
    }

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Linear Classifier (LIBLINEAR)",
            "Learners",
            "A configured linear classifier solved by LIBLINEAR (Tribuo `LibLinearClassificationTrainer`): L2- or"
                    + " L1-penalised logistic regression, or a linear support-vector machine. Several classes are"
                    + " handled one against the rest (Crammer–Singer solves them jointly). The logistic solvers give"
                    + " class probabilities; the SVMs give none, so their `P(<class>)` columns are 1 for the predicted"
                    + " class and 0 otherwise, and AUC or log-loss computed from them mean little. Scale the features"
                    + " first: the penalty treats every weight alike.",
            List.of(),
            List.of(PortDescriptor.required("learner", PortType.LEARNER, "The configured, unfitted learner.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<LibLinearSettings> settingsType() {
        return LibLinearSettings.class;
    }

    @Override
    public LibLinearSettings defaultSettings() {
        return new LibLinearSettings(Solver.L2_LOGISTIC, 1.0, 1000, 0.01, 42L);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, LibLinearSettings settings, ConfigureContext context) {
        return List.of(new Learner(settings).spec());
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, LibLinearSettings settings, ExecutionContext context) {
        return NodeResult.of(new Learner(settings));
    }

    static final class Learner extends TribuoClassifierLearner<LibLinearSettings> {
        static final String NAME = "Linear classifier (LIBLINEAR)";

        Learner(LibLinearSettings settings) {
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
        Learner withSettings(LibLinearSettings newSettings) {
            return new Learner(newSettings);
        }

        @Override
        long seed() {
            return settings.seed();
        }

        @Override
        Trained train(MutableDataset<org.tribuo.classification.Label> data, ModelSpec spec, ExecutionContext context) {
            var trainer = new LibLinearClassificationTrainer(new LinearClassificationType(settings.solver().type),
                    settings.cost(), settings.maxIterations(), settings.tolerance(), settings.seed());
            // LIBLINEAR solves in one call without a hook: progress is reported before and after it.
            context.progress(0.05, "Solving with LIBLINEAR (" + settings.solver() + ")");
            return new Trained(new TribuoClassifier(spec, trainer.train(data), settings.solver().probabilistic()),
                    trainer.toString());
        }
    }
}
