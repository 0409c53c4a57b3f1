package dev.quiver.nodes.explain;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;

/** Which model output an explanation explains, and in which space. */
final class Target {
    private Target() {
    }

    /** The space in which a class probability is explained. */
    enum OutputSpace {
        /** The probability P(class) itself, in [0, 1]. */
        PROBABILITY,
        /** The log-odds log(P / (1 − P)), with P clipped to [1e-15, 1 − 1e-15]; linear for a logistic regression. */
        LOG_ODDS
    }

    static final double CLIP = 1e-15;

    static double logOdds(double p) {
        double q = Math.min(1 - CLIP, Math.max(CLIP, p));
        return Math.log(q / (1 - q));
    }

    /** Checks a class name setting against the model's classes at configure time. */
    static void checkClass(ModelSpec model, String targetClass) {
        if (targetClass != null && !targetClass.isBlank()) {
            if (model.task() != Task.CLASSIFICATION) {
                throw new InvalidInputException("Target class '" + targetClass + "' was set, but the model is a "
                        + "regression model with one output. Leave 'Target class' blank.");
            }
            if (!model.classes().isEmpty() && !model.classes().contains(targetClass)) {
                throw new InvalidInputException("Target class '" + targetClass + "' is not one of the model's classes ("
                        + String.join(", ", model.classes()) + "). Choose one of them, or leave it blank.");
            }
        }
    }

    static void checkSpace(ModelSpec model, OutputSpace space) {
        if (space == OutputSpace.LOG_ODDS && model.task() != Task.CLASSIFICATION) {
            throw new InvalidInputException("Log-odds exist for class probabilities only, but the model is a "
                    + "regression model. Choose the PROBABILITY output space.");
        }
    }

    /**
     * The output index to explain for one row: the chosen class; else, for two classes, the second
     * ("positive") one, as scikit-learn's {@code classes_[1]}; else the row's predicted class.
     */
    static int resolve(ModelFunction f, String targetClass, double[] prediction) {
        if (!f.classification()) {
            return 0;
        }
        if (targetClass != null && !targetClass.isBlank()) {
            return f.classIndex(targetClass);
        }
        if (f.classes().size() == 2) {
            return 1;
        }
        return ModelFunction.argmax(prediction);
    }

    /** The explained scalar of a prediction vector for output {@code k}. */
    static double value(double[] prediction, int k, OutputSpace space) {
        return space == OutputSpace.LOG_ODDS ? logOdds(prediction[k]) : prediction[k];
    }

    static String className(ModelFunction f, int k) {
        return f.classification() ? f.classes().get(k) : ModelSpec.PREDICTION;
    }
}
