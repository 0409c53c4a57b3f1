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
import java.util.Locale;
import java.util.Map;

/** A fitted Kernel PCA: projects new rows through the kernel against the stored training rows or landmarks. */
final class KernelPcaTransform implements Transform, Persistable {
    static final String FORMAT = "quiver.pca.kernel-transform";

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
        KernelFunction k = model.kernel();
        out.writeUTF(k.type().name());
        out.writeDouble(k.gamma());
        out.writeInt(k.degree());
        out.writeDouble(k.coef0());
        KernelFunction.Reference ref = model.reference();
        out.writeInt(ref.count());
        out.writeInt(ref.dims());
        for (int i = 0; i < ref.count(); i++) {
            for (int a = 0; a < ref.dims(); a++) {
                out.writeDouble(ref.transposed()[a][i]);
            }
        }
        Codec.doubles(out, model.refMean());
        out.writeDouble(model.grandMean());
        out.writeBoolean(model.centreRows());
        Codec.matrix(out, model.coef());
        Codec.doubles(out, model.eigenvalues());
        out.writeDouble(model.trace());
        out.writeUTF(model.solver().name());
        out.flush();
    }

    static KernelPcaTransform read(InputStream stream) throws IOException {
        var in = new DataInputStream(stream);
        Codec.checkVersion(in, "Kernel PCA transform");
        ProjectionSpec spec = Codec.spec(in);
        KernelPcaSettings settings = Codec.settings(in, KernelPcaSettings.defaults());
        var features = Codec.strings(in);
        var kernel = new KernelFunction(KernelType.valueOf(in.readUTF()), in.readDouble(), in.readInt(), in.readDouble());
        int count = in.readInt();
        int dims = in.readInt();
        double[] rows = new double[count * dims];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = in.readDouble();
        }
        var model = new KernelPcaModel(features, kernel, KernelFunction.Reference.of(rows, count, dims),
                Codec.doubles(in), in.readDouble(), in.readBoolean(), Codec.matrix(in), Codec.doubles(in), in.readDouble(),
                KernelSolver.valueOf(in.readUTF()));
        return new KernelPcaTransform(model, spec, new KernelPcaLearner(settings));
    }
}
