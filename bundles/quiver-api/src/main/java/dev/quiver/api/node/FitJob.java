package dev.quiver.api.node;

import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.Table;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared part of many fits: the table, which columns the learner uses, and an optional
 * preprocessing transform whose learner is refitted on each unit's training rows. A backend ships
 * it once (a Spark broadcast) and then runs {@link FitUnit}s against it.
 *
 * @param transform a fitted transform; only its {@link Transform#learner()} is used, refitted per
 *     unit, so that no statistic of the test rows leaks into the fit
 */
public record FitJob(Table table, FitColumns columns, Optional<Transform> transform) {
    public FitJob {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(columns, "columns");
        transform = transform == null ? Optional.empty() : transform;
    }

    /**
     * The reference computation of one unit, which every backend reproduces: the transform refitted on
     * the training rows and applied to both sides, the learner fitted on the transformed training rows,
     * then predicting the transformed test rows. Progress: transform [0, 0.2], fit [0.2, 0.9],
     * prediction [0.9, 1].
     */
    public FitResult run(FitUnit unit, ExecutionContext context) {
        Table train = table.rows(unit.train());
        Table test = table.rows(unit.test());
        if (transform.isPresent()) {
            Transform refit = transform.get().learner().fit(train, context.subProgress(0, 0.1));
            train = refit.apply(train, context.subProgress(0.1, 0.15));
            test = refit.apply(test, context.subProgress(0.15, 0.2));
        }
        Model model = unit.learner().fit(train, columns, context.subProgress(0.2, 0.9));
        Table predicted = model.predict(test, context.subProgress(0.9, 1));
        return new FitResult(model.spec(), predicted, LocalBackend.WORKER);
    }
}
