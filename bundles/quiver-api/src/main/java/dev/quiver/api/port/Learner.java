package dev.quiver.api.port;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;

/**
 * An unfitted, configured estimator (scikit-learn's estimator, made a port). Generic nodes such as
 * Train, Cross-Validate and Hyperparameter Search consume any learner.
 */
public interface Learner extends PortObject {
    @Override
    LearnerSpec spec();

    @Override
    default PortType type() {
        return PortType.LEARNER;
    }

    /**
     * The spec of the model that {@link #fit} would produce from a table of this spec, without
     * touching data. Throws {@link dev.quiver.api.InvalidInputException} when the columns do not
     * suit the learner (a nominal feature for a numeric-only learner, say), naming the fix.
     */
    ModelSpec configure(TableSpec training, FitColumns columns);

    /** Fits a model. Reports progress and checks cancellation between epochs/iterations. */
    Model fit(Table training, FitColumns columns, ExecutionContext context);

    /** The same learner with the settings that Hyperparameter Search chose; settings as in the JSON. */
    default Learner withSettings(java.util.Map<String, Object> overrides) {
        throw new UnsupportedOperationException(spec().name() + " cannot change its settings");
    }

    /**
     * The settings record this learner was configured with (its node type is
     * {@code spec().nodeTypeId()}): how a learner is saved, and what Hyperparameter Search varies.
     * Empty for a learner that cannot be re-created from settings.
     */
    default java.util.Optional<Record> settingsRecord() {
        return java.util.Optional.empty();
    }

    @Override
    default String summary() {
        return spec().describe();
    }
}
