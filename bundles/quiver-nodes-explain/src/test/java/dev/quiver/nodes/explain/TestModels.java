package dev.quiver.nodes.explain;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Models whose explanations are known in closed form: hand-set weights, not learnt ones. */
final class TestModels {
    private TestModels() {
    }

    static ModelSpec spec(String name, List<String> features, List<String> classes) {
        return new ModelSpec(name, Task.CLASSIFICATION,
                features.stream().map(f -> new ColumnSpec(f, ColumnType.DOUBLE)).toList(),
                ColumnSpec.nominal("class", ColumnRole.LABEL, classes), classes, Map.of());
    }

    /** A model from a function of the feature vector to the class probabilities. */
    static Model of(ModelSpec spec, Function<double[], double[]> probabilities) {
        return new Model() {
            @Override
            public ModelSpec spec() {
                return spec;
            }

            @Override
            public Table predict(Table data, ExecutionContext context) {
                spec.checkInput(data.spec());
                double[][] x = data.toRowMajor(spec.features().stream().map(ColumnSpec::name).toList());
                int k = spec.classes().size();
                int[] predicted = new int[x.length];
                double[][] p = new double[k][x.length];
                for (int i = 0; i < x.length; i++) {
                    double[] pi = probabilities.apply(x[i]);
                    int best = 0;
                    for (int c = 0; c < k; c++) {
                        p[c][i] = pi[c];
                        if (pi[c] > pi[best]) {
                            best = c;
                        }
                    }
                    predicted[i] = best;
                }
                List<ColumnSpec> cols = spec.predictionColumns();
                var out = new ArrayList<Column>();
                out.add(StringColumn.wrap(cols.get(0), predicted, spec.classes()));
                for (int c = 0; c < k; c++) {
                    out.add(DoubleColumn.wrap(cols.get(c + 1), p[c]));
                }
                context.progress(1, "predicted");
                return Table.of(out);
            }
        };
    }

    /** Binary logistic regression: P(classes[1]) = σ(b + w·x). Its log-odds are linear in x. */
    static Model logistic(List<String> features, List<String> classes, double intercept, double[] w) {
        return of(spec("hand-set logistic regression", features, classes), x -> {
            double z = intercept;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * x[j];
            }
            double p = 1 / (1 + Math.exp(-z));
            return new double[] {1 - p, p};
        });
    }

    /** A binary model linear in probability space: P(classes[1]) = b + w·x (the caller keeps it in [0, 1]). */
    static Model linearProbability(List<String> features, List<String> classes, double intercept, double[] w) {
        return of(spec("hand-set linear probability model", features, classes), x -> {
            double p = intercept;
            for (int j = 0; j < w.length; j++) {
                p += w[j] * x[j];
            }
            return new double[] {1 - p, p};
        });
    }

    /** Numeric features of a fixture table, in order (all but the label). */
    static List<String> features(Table t) {
        return t.spec().names().stream().filter(n -> !n.equals("class")).toList();
    }
}
