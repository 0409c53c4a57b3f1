package dev.quiver.nodes.eval.evaluation;

import dev.quiver.api.node.FitResult;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.Table;

/**
 * One fold of an honest evaluation, as an execution backend returns it: the fitted model's spec and
 * its predictions for the test rows (the transform was refitted on the training rows only, see
 * {@link dev.quiver.api.node.FitJob#run}), next to the true labels of those rows.
 *
 * @param spec the spec of the model fitted on the training rows
 * @param predicted the model's prediction columns, one row per test row
 * @param actual the label of the test rows, from the untransformed table
 */
public record FoldFit(ModelSpec spec, Table predicted, Column actual) {

    /** A backend's result for the given test rows of {@code table}. */
    public static FoldFit of(FitResult result, Table table, String label, int[] testRows) {
        return new FoldFit(result.spec(), result.predicted(), table.rows(testRows).column(label));
    }

    /** This fold's metrics in the order of Cross-Validate's columns (classification or regression). */
    public double[] metrics() {
        return spec.task() == Task.CLASSIFICATION
                ? Scores.classification(spec, actual, predicted).toArray()
                : Scores.regression(actual, predicted).toArray();
    }
}
