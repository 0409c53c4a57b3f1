package dev.quiver.api.node;

import dev.quiver.api.port.Learner;
import java.util.Objects;

/**
 * One fit of a {@link FitJob}: a learner configuration (a trial's settings) trained on some rows of
 * the job's table and asked to predict others (a fold, a hold-out). Small on purpose: the table
 * travels once per job, the units travel one by one.
 *
 * @param learner the configured learner; it must have a settings record so that another process can
 *     re-create it from its node type and settings
 * @param train row indices of the job's table to fit on
 * @param test row indices to predict
 */
public record FitUnit(Learner learner, int[] train, int[] test) {
    public FitUnit {
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
