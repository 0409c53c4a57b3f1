package dev.quiver.api.port;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.table.Table;

/**
 * A fitted transformation (scaler, encoder, PCA…). It knows the {@link TransformLearner} that made
 * it, so Cross-Validate can refit the same step on each training fold and keep evaluation honest.
 */
public interface Transform extends PortObject {
    @Override
    TransformSpec spec();

    @Override
    default PortType type() {
        return PortType.TRANSFORM;
    }

    /** Applies the fitted transformation to new rows. */
    Table apply(Table input, ExecutionContext context);

    /** The unfitted step with the same settings, to fit again on other data. */
    TransformLearner learner();

    @Override
    default String summary() {
        return spec().describe();
    }
}
