package dev.quiver.nodes.hpo;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.Table;

/**
 * A fitted transform followed by a model fitted on its output: it takes the raw columns. Shipping
 * the pair as one model means it cannot be fed untransformed rows by mistake — a Normalizer keeps
 * column names, so such a mistake would otherwise go unnoticed.
 */
final class PipelineModel implements Model {
    private final Transform transform;
    private final Model model;
    private final ModelSpec spec;

    PipelineModel(Transform transform, Model model, ModelSpec spec) {
        this.transform = transform;
        this.model = model;
        this.spec = spec;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Table predict(Table data, ExecutionContext context) {
        Table transformed = transform.apply(data, context.subProgress(0, 0.3));
        return model.predict(transformed, context.subProgress(0.3, 1));
    }
}
