package dev.quiver.nodes.pca;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.List;

/** Kernel PCA with fixed settings, unfitted: Cross-Validate refits it on every training fold. */
record KernelPcaLearner(KernelPcaSettings settings) implements TransformLearner {

    @Override
    public String name() {
        return "Kernel PCA";
    }

    @Override
    public ProjectionSpec configure(TableSpec training) {
        List<String> features = FeatureData.resolve(training, settings.columns(), "Kernel PCA");
        var spec = new ProjectionSpec("Kernel PCA (" + settings.kernel().name().toLowerCase() + ", " + features.size()
                + " → " + settings.components() + ")", training, features,
                ProjectionSpec.names("KPC", settings.components()), settings.keepOriginal(), false);
        spec.apply(training);
        return spec;
    }

    @Override
    public Transform fit(Table training, ExecutionContext context) {
        return fitWithScores(training, context).transform();
    }

    record Fitted(KernelPcaTransform transform, double[] scores) {
    }

    Fitted fitWithScores(Table training, ExecutionContext context) {
        ProjectionSpec spec = configure(training.spec());
        double[] x = FeatureData.read(training, spec.features(), "Kernel PCA");
        if (settings.kernel() == KernelType.COSINE) {
            checkNoZeroRows(x, training.rowCount(), spec.features().size());
        }
        KernelPcaModel.Fit fit = KernelPcaModel.fit(x, training.rowCount(), spec.features(), settings, context);
        return new Fitted(new KernelPcaTransform(fit.model(), spec, this), fit.scores());
    }

    private static void checkNoZeroRows(double[] x, int n, int d) {
        for (int i = 0; i < n; i++) {
            boolean zero = true;
            for (int a = 0; a < d && zero; a++) {
                zero = x[i * d + a] == 0;
            }
            if (zero) {
                throw new InvalidInputException("Row " + (i + 1) + " is all zeros, so the COSINE kernel (an angle) is "
                        + "undefined for it. Filter such rows out, or choose another kernel.");
            }
        }
    }
}
