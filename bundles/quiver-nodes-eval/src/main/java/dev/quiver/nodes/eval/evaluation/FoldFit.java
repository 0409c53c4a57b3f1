package dev.quiver.nodes.eval.evaluation;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.Task;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.Table;
import java.util.Optional;

/**
 * One fold of an honest evaluation: the preprocessing step is refitted on the training rows only
 * and applied to both sides, then the learner is fitted on the transformed training rows and
 * predicts the transformed test rows. Nothing about the test rows leaks into either fit.
 *
 * @param model the model fitted on the training rows
 * @param predicted the model's prediction columns, one row per test row
 * @param actual the label of the test rows, from the untransformed table
 */
public record FoldFit(Model model, Table predicted, Column actual) {

    /**
     * Fits and predicts one fold. Progress: the transform gets [0, 0.2], the learner [0.2, 0.9],
     * prediction [0.9, 1] of {@code context}.
     */
    public static FoldFit run(Learner learner, Optional<TransformLearner> transform, Table table, FitColumns columns,
            int[] trainRows, int[] testRows, ExecutionContext context) {
        Table train = table.rows(trainRows);
        Table test = table.rows(testRows);
        if (transform.isPresent()) {
            Transform refit = transform.get().fit(train, context.subProgress(0, 0.1));
            train = refit.apply(train, context.subProgress(0.1, 0.15));
            test = refit.apply(test, context.subProgress(0.15, 0.2));
        }
        Model model = learner.fit(train, columns, context.subProgress(0.2, 0.9));
        Table predicted = model.predict(test, context.subProgress(0.9, 1));
        return new FoldFit(model, predicted, table.rows(testRows).column(columns.label()));
    }

    /** This fold's metrics in the order of Cross-Validate's columns (classification or regression). */
    public double[] metrics() {
        return model.spec().task() == Task.CLASSIFICATION
                ? Scores.classification(model.spec(), actual, predicted).toArray()
                : Scores.regression(actual, predicted).toArray();
    }
}
