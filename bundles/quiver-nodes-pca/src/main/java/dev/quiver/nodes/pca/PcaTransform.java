package dev.quiver.nodes.pca;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.table.Table;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A fitted PCA: projects new rows exactly as the fit projected its own. */
final class PcaTransform implements Transform, Persistable {
    static final String FORMAT = "quiver.pca.transform";

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

    @Override
    public String formatId() {
        return FORMAT;
    }

    @Override
    public void writeTo(OutputStream stream) throws IOException {
        var out = new DataOutputStream(stream);
        out.writeInt(Codec.VERSION);
        Codec.spec(out, spec);
        Codec.settings(out, learner.settings());
        Codec.strings(out, model.features());
        Codec.doubles(out, model.mean());
        Codec.doubles(out, model.scale());
        Codec.matrix(out, model.components());
        Codec.doubles(out, model.eigenvalues());
        out.writeBoolean(model.whiten());
        out.writeUTF(model.solver().name());
        out.flush();
    }

    static PcaTransform read(InputStream stream) throws IOException {
        var in = new DataInputStream(stream);
        Codec.checkVersion(in, "PCA transform");
        ProjectionSpec spec = Codec.spec(in);
        PcaSettings settings = Codec.settings(in, PcaSettings.defaults());
        var model = new PcaModel(Codec.strings(in), Codec.doubles(in), Codec.doubles(in), Codec.matrix(in),
                Codec.doubles(in), in.readBoolean(), PcaSolver.valueOf(in.readUTF()));
        return new PcaTransform(model, spec, new PcaLearner(settings));
    }
}
