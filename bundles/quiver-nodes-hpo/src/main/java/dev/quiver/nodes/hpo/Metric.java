package dev.quiver.nodes.hpo;

import dev.quiver.api.port.Task;
import dev.quiver.api.settings.Description;
import dev.quiver.nodes.eval.evaluation.FoldFit;
import dev.quiver.nodes.eval.evaluation.Scores;
import java.util.Locale;

/** What a trial is scored by, computed exactly as Cross-Validate and the Scorer compute it. */
public enum Metric {
    @Description("Share of rows classified correctly (maximised).")
    ACCURACY(Task.CLASSIFICATION, true),
    @Description("Unweighted mean of the per-class F1 scores, fair to small classes (maximised).")
    MACRO_F1(Task.CLASSIFICATION, true),
    @Description("Area under the ROC curve, one class against the rest, averaged over classes (maximised).")
    AUC(Task.CLASSIFICATION, true),
    @Description("Mean −log p(true class): rewards confident, calibrated probabilities (minimised).")
    LOG_LOSS(Task.CLASSIFICATION, false),
    @Description("Root mean squared error of a regressor (minimised).")
    RMSE(Task.REGRESSION, false),
    @Description("R² = 1 − SS_res / SS_tot of a regressor (maximised).")
    R2(Task.REGRESSION, true);

    private final Task task;
    private final boolean maximise;

    Metric(Task task, boolean maximise) {
        this.task = task;
        this.maximise = maximise;
    }

    Task task() {
        return task;
    }

    /** The direction of the search: larger is better for scores, smaller for losses and errors. */
    boolean maximise() {
        return maximise;
    }

    /** "accuracy", "macro F1", "log loss"… as column names. */
    String label() {
        return switch (this) {
            case MACRO_F1 -> "macro F1";
            case LOG_LOSS -> "log loss";
            case R2 -> "R²";
            case AUC -> "macro AUC";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    /** This metric on one fold's test rows; NaN when it is undefined there. */
    double of(FoldFit fold) {
        if (task == Task.CLASSIFICATION) {
            Scores.Classification s = Scores.classification(fold.spec(), fold.actual(), fold.predicted());
            return switch (this) {
                case ACCURACY -> s.accuracy();
                case MACRO_F1 -> s.macroF1();
                case AUC -> s.macroAuc();
                default -> s.logLoss();
            };
        }
        Scores.Regression r = Scores.regression(fold.actual(), fold.predicted());
        return this == RMSE ? r.rmse() : r.r2();
    }

    /** The score oriented so that larger is better. */
    double oriented(double value) {
        return maximise ? value : -value;
    }
}
