package dev.quiver.nodes.pca;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.table.Table;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A fitted Kernel PCA: projects new rows through the kernel against the stored training rows or landmarks. */
final class KernelPcaTransform implements Transform {
    private final KernelPcaModel model;
    private final ProjectionSpec spec;
    private final KernelPcaLearner learner;

    KernelPcaTransform(KernelPcaModel model, ProjectionSpec spec, KernelPcaLearner learner) {
        this.model = model;
        this.spec = spec;
        this.learner = learner;
    }

    KernelPcaModel model() {
        return model;
    }

    @Override
    public ProjectionSpec spec() {
        return spec;
    }

    @Override
    public Table apply(Table input, ExecutionContext context) {
        spec.apply(input.spec());
        double[] x = FeatureData.read(input, spec.features(), spec.name());
        try (var workers = new Workers(context.parallelism())) {
            return ProjectionTables.append(input, spec, model.project(x, input.rowCount(), workers, context));
        }
    }

    @Override
    public TransformLearner learner() {
        return learner;
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "Kernel PCA (%s, %s): %d columns → %d components",
                model.kernel().describe(), model.solver().name().toLowerCase(Locale.ROOT), model.features().size(), model.k());
    }

    @Override
    public Map<String, Object> details() {
        var out = new LinkedHashMap<String, Object>();
        out.put("features", model.features());
        out.put("kernel", model.kernel().describe());
        out.put("solver", model.solver().name());
        out.put("referenceRows", model.reference().count());
        out.put("eigenvalues", PcaTransform.list(model.eigenvalues()));
        return out;
    }
}
