package dev.quiver.nodes.features;

import static dev.quiver.nodes.features.TestTables.IRIS;
import static dev.quiver.nodes.features.TestTables.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RobustScalerNodeFactoryTest {
    private final NodeTester<RobustScalerSettings> tester = NodeTester.of(new RobustScalerNodeFactory());

    @Test
    void configureTurnsScaledColumnsIntoDoublesFromSpecsAlone() {
        Table t = Fixtures.iris().withColumn(LongColumn.of("n", new long[150]));
        List<PortSpec> out = tester.configure(tester.settings(Map.of()), t.spec());
        TableSpec table = (TableSpec) out.get(0);
        assertEquals(t.spec().names(), table.names());
        assertEquals(ColumnType.DOUBLE, table.find("n").orElseThrow().type());
        assertEquals(ColumnType.STRING, table.find("class").orElseThrow().type());
        assertEquals(table, assertInstanceOf(TransformSpec.class, out.get(1)).apply(t.spec()));
    }

    @Test
    void matchesScikitLearnRobustScalerOnIris() {
        NodeResult r = tester.execute(tester.settings(Map.of()), Fixtures.iris());
        Table t = (Table) r.outputs().get(0);
        var fitted = (RobustScalerLearner.Fitted) r.outputs().get(1);
        // scikit-learn 1.2.1: RobustScaler().fit(X) on iris.csv: center_ and scale_, then rows 0, 77, 149.
        assertArrayEquals(new double[] {5.8, 3.0, 4.35, 1.3}, fitted.center(), 1e-12);
        assertArrayEquals(new double[] {1.3, 0.5, 3.5, 1.5}, fitted.scale(), 1e-12);
        assertArrayEquals(new double[] {-0.5384615384615383, 1.0, -0.8428571428571429, -0.7333333333333334},
                row(t, IRIS, 0), 1e-12);
        assertArrayEquals(new double[] {0.6923076923076922, 0.0, 0.18571428571428583, 0.2666666666666666},
                row(t, IRIS, 77), 1e-12);
        assertArrayEquals(new double[] {0.07692307692307729, 0.0, 0.2142857142857143, 0.3333333333333333},
                row(t, IRIS, 149), 1e-12);
    }

    @Test
    void missingCellsAreIgnoredByTheQuantiles() {
        var fitted = (RobustScalerLearner.Fitted) tester.execute(tester.settings(Map.of()), Fixtures.irisMissing())
                .outputs().get(1);
        // scikit-learn 1.2.1: RobustScaler().fit(X) on iris_missing.csv (nanpercentile).
        assertArrayEquals(new double[] {5.8, 3.0, 4.35, 1.3}, fitted.center(), 1e-12);
        assertArrayEquals(new double[] {1.3, 0.5, 3.525, 1.5}, fitted.scale(), 1e-12);
    }

    @Test
    void fittedOnTrainRowsScalesTestRowsWithTrainStatisticsAndRefits() {
        Table iris = Fixtures.iris();
        Table train = iris.slice(0, 105);
        var settings = tester.settings(Map.of("quantileMin", 10, "quantileMax", 90));
        NodeResult r = tester.execute(settings, train);
        Transform transform = (Transform) r.outputs().get(1);
        Table applied = transform.apply(iris.slice(105, 150), TestContext.create());
        // scikit-learn 1.2.1: RobustScaler(quantile_range=(10, 90)).fit(X[:105]).transform(X[105:]), rows 0 and 44.
        assertArrayEquals(new double[] {1.2209302325581388, 0.0, 0.964912280701754, 0.8461538461538461},
                row(applied, IRIS, 0), 1e-12);
        assertArrayEquals(new double[] {0.23255813953488383, 0.0, 0.5263157894736841, 0.6153846153846154},
                row(applied, IRIS, 44), 1e-12);
        // Applying to the training rows reproduces the node's own output.
        Table own = (Table) r.outputs().get(0);
        Table again = transform.apply(train, TestContext.create());
        for (int i = 0; i < train.rowCount(); i += 13) {
            assertArrayEquals(row(own, IRIS, i), row(again, IRIS, i));
        }
        var refit = (RobustScalerLearner.Fitted) transform.learner().fit(train, TestContext.create());
        assertArrayEquals(((RobustScalerLearner.Fitted) transform).scale(), refit.scale());
        var other = (RobustScalerLearner.Fitted) transform.learner().fit(iris.slice(50, 150), TestContext.create());
        assertTrue(other.center()[0] != refit.center()[0]);
    }

    @Test
    void zeroRangeKeepsScaleOneWithAWarning() {
        Table t = Table.of(DoubleColumn.of("c", 1, 2, 2, 2, 2, 3), DoubleColumn.of("x", 1, 2, 3, 4, 5, 6));
        TestContext ctx = TestContext.create();
        Table out = (Table) tester.execute(tester.settings(Map.of()), ctx, t).outputs().get(0);
        assertArrayEquals(new double[] {-1, 0, 0, 0, 0, 1}, TestTables.column(out, "c"));
        assertEquals(List.of("Column 'c' has a zero quantile range (the 25.0th and 75.0th percentiles are both 2.0): "
                + "its scale is set to 1."), ctx.warnings());
    }

    @Test
    void badSettingsAndColumnsGiveClearErrors() {
        var e = assertThrows(InvalidInputException.class,
                () -> tester.settings(Map.of("quantileMin", 80, "quantileMax", 20)));
        assertEquals("Lower quantile (80.0) must be less than upper quantile (20.0). Change 'Lower quantile (%)' "
                + "or 'Upper quantile (%)'.", e.getMessage());
        var nominal = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of("columns", List.of("class"))), Fixtures.iris().spec()));
        assertTrue(nominal.getMessage().startsWith("Columns: column 'class' is a string column, but only numeric"),
                nominal.getMessage());
        Transform transform = (Transform) tester.execute(tester.settings(Map.of()), Fixtures.iris()).outputs().get(1);
        var missing = assertThrows(InvalidInputException.class,
                () -> transform.apply(Fixtures.iris().select("sepal_length", "class"), TestContext.create()));
        assertTrue(missing.getMessage().startsWith("The Robust Scaler transform needs column(s) sepal_width, "
                + "petal_length, petal_width"), missing.getMessage());
    }
}
