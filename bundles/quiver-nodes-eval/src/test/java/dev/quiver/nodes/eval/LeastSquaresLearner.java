package dev.quiver.nodes.eval;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.Map;

/** Simple linear regression y = a + b·x on one feature: a regression learner small enough to check by hand. */
final class LeastSquaresLearner implements Learner {
    static final LearnerSpec SPEC = new LearnerSpec("Least squares", Task.REGRESSION, "test.least-squares", Map.of());

    @Override
    public LearnerSpec spec() {
        return SPEC;
    }

    @Override
    public ModelSpec configure(TableSpec training, FitColumns columns) {
        return new ModelSpec(SPEC.name(), Task.REGRESSION,
                columns.features().stream().map(f -> training.requireNumeric(f, "Feature")).toList(),
                training.requireNumeric(columns.label(), "Label"), null, Map.of());
    }

    @Override
    public Model fit(Table training, FitColumns columns, ExecutionContext context) {
        ModelSpec spec = configure(training.spec(), columns);
        String feature = columns.features().get(0);
        double[] x = training.doubleColumn(feature).toArray();
        double[] y = training.doubleColumn(columns.label()).toArray();
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        return new Model() {
            @Override
            public ModelSpec spec() {
                return spec;
            }

            @Override
            public Table predict(Table data, ExecutionContext ctx) {
                double[] v = data.doubleColumn(feature).toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = intercept + slope * v[i];
                }
                ColumnSpec out = spec.predictionColumns().get(0);
                return Table.of(DoubleColumn.wrap(out, v));
            }
        };
    }
}
