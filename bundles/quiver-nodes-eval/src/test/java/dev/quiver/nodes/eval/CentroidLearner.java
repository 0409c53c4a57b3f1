package dev.quiver.nodes.eval;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A nearest-centroid classifier: small enough to check Train and Predict without any library. */
final class CentroidLearner implements Learner {
    static final LearnerSpec SPEC = new LearnerSpec("Nearest centroid", Task.CLASSIFICATION, "test.centroid",
            Map.of("metric", "euclidean"));

    @Override
    public LearnerSpec spec() {
        return SPEC;
    }

    @Override
    public ModelSpec configure(TableSpec training, FitColumns columns) {
        ColumnSpec label = training.require(columns.label(), "Label column");
        List<ColumnSpec> features = columns.features().stream().map(f -> training.requireNumeric(f, "Feature")).toList();
        return new ModelSpec(SPEC.name(), Task.CLASSIFICATION, features, label, label.domain(), Map.of());
    }

    @Override
    public Model fit(Table training, FitColumns columns, ExecutionContext context) {
        ModelSpec spec = configure(training.spec(), columns);
        double[][] x = training.toRowMajor(columns.features());
        StringColumn y = training.stringColumn(columns.label());
        int k = spec.classes().size();
        double[][] centroids = new double[k][x[0].length];
        int[] counts = new int[k];
        for (int i = 0; i < x.length; i++) {
            int c = y.code(i);
            counts[c]++;
            for (int j = 0; j < x[i].length; j++) {
                centroids[c][j] += x[i][j];
            }
            context.progress((double) (i + 1) / x.length, "row " + (i + 1));
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < centroids[c].length; j++) {
                centroids[c][j] /= Math.max(1, counts[c]);
            }
        }
        return new Model() {
            @Override
            public ModelSpec spec() {
                return spec;
            }

            @Override
            public Table predict(Table data, ExecutionContext ctx) {
                double[][] z = data.toRowMajor(columns.features());
                int[] predicted = new int[z.length];
                double[][] p = new double[k][z.length];
                for (int i = 0; i < z.length; i++) {
                    double best = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        double d = 0;
                        for (int j = 0; j < z[i].length; j++) {
                            d += (z[i][j] - centroids[c][j]) * (z[i][j] - centroids[c][j]);
                        }
                        if (d < best) {
                            best = d;
                            predicted[i] = c;
                        }
                    }
                    p[predicted[i]][i] = 1;
                }
                List<ColumnSpec> specs = spec.predictionColumns();
                var out = new ArrayList<Column>();
                out.add(StringColumn.wrap(specs.get(0), predicted, spec.classes()));
                for (int c = 0; c < k; c++) {
                    out.add(DoubleColumn.wrap(specs.get(c + 1), p[c]));
                }
                return Table.of(out);
            }
        };
    }
}
