package dev.quiver.nodes.tribuo;

import dev.quiver.api.port.ModelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.math.la.DenseMatrix;

/** A fitted linear classifier that also shows its weights, per class, in its details. */
final class LinearClassifier extends TribuoClassifier {
    private final LinearSGDModel linear;
    private final boolean probabilistic;

    /** {@code probabilistic} is false for margin objectives (hinge): their scores are no probabilities. */
    LinearClassifier(ModelSpec spec, LinearSGDModel model, boolean probabilistic) {
        super(spec, model, probabilistic);
        this.linear = model;
        this.probabilistic = probabilistic;
    }

    LinearClassifier(ModelSpec spec, LinearSGDModel model) {
        this(spec, model, true);
    }

    @Override
    LinearClassifier copy(ModelSpec newSpec) {
        return new LinearClassifier(newSpec, linear, probabilistic);
    }

    /**
     * Weights by class, then by feature, with the intercept under "(intercept)". Tribuo keeps one row
     * per class it saw and one column per feature, by its own ids, plus the bias as the last column.
     */
    Map<String, Map<String, Double>> coefficients() {
        DenseMatrix w = linear.getWeightsCopy();
        var out = new LinkedHashMap<String, Map<String, Double>>();
        for (String c : spec().classes()) {
            int row = linear.getOutputIDInfo().getID(new Label(c));
            if (row < 0) {
                continue;
            }
            var perFeature = new LinkedHashMap<String, Double>();
            for (var f : spec().features()) {
                var info = linear.getFeatureIDMap().get(f.name());
                perFeature.put(f.name(), info == null ? 0.0 : w.get(row, info.getID()));
            }
            perFeature.put("(intercept)", w.get(row, w.getDimension2Size() - 1));
            out.put(c, perFeature);
        }
        return out;
    }

    @Override
    public Map<String, Object> details() {
        var out = new LinkedHashMap<>(super.details());
        out.put("coefficients", coefficients());
        out.put("classesSeenInTraining", List.copyOf(linear.getOutputIDInfo().getDomain().stream()
                .map(Label::getLabel).sorted().toList()));
        return out;
    }
}
