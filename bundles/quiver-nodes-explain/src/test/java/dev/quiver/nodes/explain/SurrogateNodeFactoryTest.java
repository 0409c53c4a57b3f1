package dev.quiver.nodes.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.explain.SurrogateNodeFactory.SurrogateSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SurrogateNodeFactoryTest {
    private final NodeTester<SurrogateSettings> node = NodeTester.of(new SurrogateNodeFactory());
    private static final Table IRIS = Fixtures.iris();
    private static final List<String> FEATURES = TestModels.features(IRIS);
    private static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");

    /** A "model" that answers iris's true class for each training row: its surrogate is a tree on the labels. */
    private static Model memorising() {
        Map<List<Double>, Integer> classOf = new HashMap<>();
        for (int i = 0; i < IRIS.rowCount(); i++) {
            List<Double> key = List.of(IRIS.doubleColumn(FEATURES.get(0)).get(i), IRIS.doubleColumn(FEATURES.get(1)).get(i),
                    IRIS.doubleColumn(FEATURES.get(2)).get(i), IRIS.doubleColumn(FEATURES.get(3)).get(i));
            classOf.put(key, CLASSES.indexOf(IRIS.stringColumn("class").get(i)));
        }
        return TestModels.of(TestModels.spec("memory", FEATURES, CLASSES), x -> {
            double[] p = new double[3];
            p[classOf.get(List.of(x[0], x[1], x[2], x[3]))] = 1;
            return p;
        });
    }

    @Test
    void aRuleModelIsRecoveredExactlyWithItsThresholds() {
        // setosa if petal_length ≤ 2.45, else virginica if petal_width > 1.75, else versicolor.
        Model rule = TestModels.of(TestModels.spec("rule", FEATURES, CLASSES), x -> x[2] <= 2.45
                ? new double[] {1, 0, 0} : x[3] > 1.75 ? new double[] {0, 0, 1} : new double[] {0, 1, 0});
        var out = node.execute(node.settings(Map.of("maxDepth", 2, "minSamplesLeaf", 1)), rule, IRIS).outputs();
        Table rules = (Table) out.get(0);
        Table metrics = (Table) out.get(1);
        assertEquals(List.of("petal_length ≤ 2.45", "petal_length > 2.45 AND petal_width ≤ 1.75",
                "petal_length > 2.45 AND petal_width > 1.75"), List.of(rules.stringColumn("rule").get(0),
                        rules.stringColumn("rule").get(1), rules.stringColumn("rule").get(2)));
        assertEquals(List.of("setosa", "versicolor", "virginica"), rules.stringColumn("class").domain());
        assertEquals(1.0, metrics.doubleColumn("value").get(0), 0);
        assertEquals(50, rules.column("rows").getDouble(0));
    }

    @Test
    void fidelityOnTheTrueLabelsMatchesScikitLearnsTrainingAccuracy() {
        // DecisionTreeClassifier(max_depth=d).fit(X, y).score(X, y) and get_n_leaves() on iris, scikit-learn 1.2.1,
        // the same for every random_state: (0.6667, 2), (0.96, 3), (0.97333, 5), (0.99333, 8).
        double[] accuracy = {0.6666666666666666, 0.96, 0.9733333333333334, 0.9933333333333333};
        int[] leaves = {2, 3, 5, 8};
        for (int d = 1; d <= 4; d++) {
            Table metrics = (Table) node.execute(node.settings(Map.of("maxDepth", d, "minSamplesLeaf", 1)),
                    memorising(), IRIS).outputs().get(1);
            assertEquals(accuracy[d - 1], metrics.doubleColumn("value").get(0), 1e-12, "depth " + d);
            assertEquals(leaves[d - 1], metrics.doubleColumn("value").get(2), "leaves at depth " + d);
        }
    }

    @Test
    void badInputsAndCancellation() {
        ModelSpec regression = new ModelSpec("r", Task.REGRESSION, List.of(new ColumnSpec("x", ColumnType.DOUBLE)),
                new ColumnSpec("y", ColumnType.DOUBLE, ColumnRole.LABEL), List.of(), Map.of());
        var e = assertThrows(InvalidInputException.class, () -> node.configure(node.settings(Map.of()), regression,
                IRIS.spec()));
        assertTrue(e.getMessage().startsWith("Global Surrogate imitates a classifier"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> node.execute(node.settings(Map.of()), memorising(),
                IRIS.slice(0, 0)));
        assertEquals("The input table is empty. Connect a table with at least one row.", e.getMessage());
        assertThrows(CanceledException.class, () -> node.execute(node.settings(Map.of()),
                TestContext.create().cancelAfterProgressReports(1), memorising(), IRIS));
        TestContext ctx = TestContext.create();
        node.execute(node.settings(Map.of("maxRows", 100)), ctx, memorising(), IRIS);
        assertEquals(List.of("Sub-sampled 100 of 150 rows (setting 'Max rows')."), ctx.warnings());
    }
}
