package dev.quiver.nodes.pca;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.table.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A fitted PCA: projects new rows exactly as the fit projected its own. */
final class PcaTransform implements Transform {
    private final PcaModel model;
    private final ProjectionSpec spec;
    private final PcaLearner learner;

    PcaTransform(PcaModel model, ProjectionSpec spec, PcaLearner learner) {
        this.model = model;
        this.spec = spec;
        this.learner = learner;
    }

    PcaModel model() {
        return model;
    }

    @Override
    public ProjectionSpec spec() {
        return spec;
    }

    @Override
    public Table apply(Table input, ExecutionContext context) {
        spec.apply(input.spec());
        double[][] x = FeatureData.readColumns(input, spec.features(), spec.name());
        try (var workers = new Workers(context.parallelism())) {
            double[] scores = model.project(x, input.rowCount(), workers);
            return ProjectionTables.append(input, spec, scores);
        }
    }

    @Override
    public TransformLearner learner() {
        return learner;
    }

    @Override
    public String summary() {
        double kept = 0;
        double[] r = model.ratios();
        for (int c = 0; c < model.k(); c++) {
            kept += r[c];
        }
        return String.format(Locale.ROOT, "PCA: %d columns → %d components (%.1f%% of the variance)",
                model.features().size(), model.k(), 100 * kept);
    }

    @Override
    public Map<String, Object> details() {
        var out = new LinkedHashMap<String, Object>();
        out.put("features", model.features());
        out.put("mean", list(model.mean()));
        out.put("scale", list(model.scale()));
        out.put("eigenvalues", list(model.eigenvalues()));
        var comps = new java.util.ArrayList<List<Double>>();
        for (double[] c : model.components()) {
            comps.add(list(c));
        }
        out.put("components", comps);
        out.put("whiten", model.whiten());
        out.put("solver", model.solver().name());
        return out;
    }

    static List<Double> list(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }
}
