package dev.quiver.api.port;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;

/** An unfitted transformation step with its settings: fit it on a table to get a {@link Transform}. */
public interface TransformLearner {
    String name();

    /** The spec the fitted transform would have for training data of spec {@code training}. */
    TransformSpec configure(TableSpec training);

    Transform fit(Table training, ExecutionContext context);
}
