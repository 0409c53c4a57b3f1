package dev.quiver.nodes.pca;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.List;

/** PCA with fixed settings, unfitted: Cross-Validate refits it on every training fold. */
record PcaLearner(PcaSettings settings) implements TransformLearner {

    @Override
    public String name() {
        return "PCA";
    }

    @Override
    public TransformSpec configure(TableSpec training) {
        List<String> features = FeatureData.resolve(training, settings.columns(), "PCA");
        if (settings.componentRule() == ComponentRule.VARIANCE_FRACTION) {
            // The API has no "unknown" transform spec: say so where the columns would be needed.
            return TransformSpec.of(name(), training, in -> {
                throw new InvalidInputException("The PCA keeps a variance fraction, so its output columns are known only "
                        + "after it runs. Execute it first, or select components by COUNT.");
            });
        }
        if (settings.components() > features.size()) {
            throw new InvalidInputException("'Components' is " + settings.components() + ", but PCA analyses only "
                    + features.size() + " columns (" + String.join(", ", features) + "). Choose at most "
                    + features.size() + " components.");
        }
        return spec(training, features, settings.components());
    }

    ProjectionSpec spec(TableSpec training, List<String> features, int k) {
        var spec = new ProjectionSpec("PCA (" + features.size() + " → " + k + ")", training, features,
                ProjectionSpec.names("PC", k), settings.keepOriginal(), true);
        spec.apply(training);
        return spec;
    }

    @Override
    public Transform fit(Table training, ExecutionContext context) {
        return fitWithScores(training, context).transform();
    }

    record Fitted(PcaTransform transform, double[] scores) {
    }

    Fitted fitWithScores(Table training, ExecutionContext context) {
        List<String> features = FeatureData.resolve(training.spec(), settings.columns(), "PCA");
        double[][] x = FeatureData.readColumns(training, features, "PCA");
        PcaModel.Fit fit = PcaModel.fit(x, training.rowCount(), features, settings, context);
        var spec = spec(training.spec(), features, fit.model().k());
        return new Fitted(new PcaTransform(fit.model(), spec, this), fit.scores());
    }
}
