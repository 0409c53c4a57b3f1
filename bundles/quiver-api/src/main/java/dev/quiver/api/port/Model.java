package dev.quiver.api.port;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.table.Table;

/** A fitted predictor. */
public interface Model extends PortObject {
    @Override
    ModelSpec spec();

    @Override
    default PortType type() {
        return PortType.MODEL;
    }

    /**
     * Predicts every row of {@code data}, which must contain the model's feature columns. Returns only
     * the columns of {@link ModelSpec#predictionColumns()}, one row per input row; the Predict node
     * appends them to the input.
     */
    Table predict(Table data, ExecutionContext context);

    @Override
    default String summary() {
        return spec().describe();
    }
}
