package dev.quiver.nodes.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.eval.NumericScorerNodeFactory.NumericScorerSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumericScorerNodeFactoryTest {
    private static final double EPS = 1e-12;
    private final NodeTester<NumericScorerSettings> tester = NodeTester.of(new NumericScorerNodeFactory());
    private final NumericScorerSettings defaults = new NumericScorerNodeFactory().defaultSettings();

    private static Table predictions(double[] actual, double[] predicted) {
        return Table.of(DoubleColumn.wrap(new ColumnSpec("y", ColumnType.DOUBLE, ColumnRole.LABEL), actual),
                DoubleColumn.wrap(new ColumnSpec(ModelSpec.PREDICTION, ColumnType.DOUBLE, ColumnRole.PREDICTION, List.of(),
                        Map.of("label", "y")), predicted));
    }

    @Test
    void matchesScikitLearn() {
        // Reference: scikit-learn 1.2.1 r2_score, mean_squared_error (and its square root), mean_absolute_error,
        // median_absolute_error, max_error, explained_variance_score on these eight pairs.
        double[] y = {3.0, -0.5, 2.0, 7.0, 4.2, 1.1, 0.0, 5.5};
        double[] p = {2.5, 0.0, 2.1, 7.8, 3.9, 1.6, -0.4, 4.0};
        NodeResult r = tester.execute(defaults, predictions(y, p));
        Table m = (Table) r.outputs().get(0);
        assertEquals(0.9207135777998018, ScorerNodeFactoryTest.metric(m, "R²"), EPS);
        assertEquals(0.6982120021884471, ScorerNodeFactoryTest.metric(m, "RMSE"), EPS);
        assertEquals(0.48750000000000004, ScorerNodeFactoryTest.metric(m, "MSE"), EPS);
        assertEquals(0.575, ScorerNodeFactoryTest.metric(m, "MAE"), EPS);
        assertEquals(0.5, ScorerNodeFactoryTest.metric(m, "median absolute error"), EPS);
        assertEquals(1.5, ScorerNodeFactoryTest.metric(m, "max error"), EPS);
        assertEquals(0.9223399659474982, ScorerNodeFactoryTest.metric(m, "explained variance"), EPS);
        assertEquals(8, ScorerNodeFactoryTest.metric(m, "rows scored"), 0);
        assertEquals(2, r.charts().size());
        assertEquals(8, r.charts().get(0).data().rowCount());
    }

    @Test
    void skipsMissingRowsWithAWarning() {
        TestContext ctx = TestContext.create();
        Table t = predictions(new double[] {1, 2, Double.NaN, 4}, new double[] {1, 2, 3, Double.NaN});
        Table m = (Table) tester.execute(defaults, ctx, t).outputs().get(0);
        assertEquals(2, ScorerNodeFactoryTest.metric(m, "rows scored"), 0);
        assertEquals(1.0, ScorerNodeFactoryTest.metric(m, "R²"), EPS);
        assertEquals(List.of("Skipped 2 of 4 rows whose actual or predicted value is missing."), ctx.warnings());
    }

    @Test
    void configureAndClearErrors() {
        assertEquals(NumericScorerNodeFactory.METRICS_SPEC,
                tester.configure(defaults, predictions(new double[] {1}, new double[] {1}).spec()).get(0));
        var e = assertThrows(InvalidInputException.class, () -> tester.configure(defaults, Fixtures.iris().spec()));
        assertTrue(e.getMessage().startsWith("Predicted column 'prediction' not found"), e.getMessage());

        TableSpec nominalActual = TableSpec.of(new ColumnSpec("class", ColumnType.STRING, ColumnRole.LABEL),
                new ColumnSpec("prediction", ColumnType.DOUBLE));
        e = assertThrows(InvalidInputException.class, () -> tester.configure(defaults, nominalActual));
        assertTrue(e.getMessage().startsWith("Actual column 'class' is string, but the Numeric Scorer compares numbers."),
                e.getMessage());
    }
}
