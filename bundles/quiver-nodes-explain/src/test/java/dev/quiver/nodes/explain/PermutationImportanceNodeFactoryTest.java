package dev.quiver.nodes.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.explain.PermutationImportanceNodeFactory.PermutationImportanceSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermutationImportanceNodeFactoryTest {
    private final NodeTester<PermutationImportanceSettings> node = NodeTester.of(new PermutationImportanceNodeFactory());
    private static final Table CANCER = Fixtures.breastCancer();
    private static final List<String> FEATURES = List.of("mean_radius", "mean_texture", "mean_smoothness");
    private static final List<String> CLASSES = List.of("benign", "malignant");

    private static Model model() {
        return TestModels.logistic(FEATURES, CLASSES, -16.0, new double[] {0.8, 0.2, 30.0});
    }

    private static double importance(Table t, String feature, String column) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.stringColumn("feature").get(i).equals(feature)) {
                return t.doubleColumn(column).get(i);
            }
        }
        throw new AssertionError(feature);
    }

    @Test
    void configureChecksTheMetricAndTheLabel() {
        var s = node.settings(Map.of());
        assertEquals(List.of("feature", "importance", "std", "rank", "baseline"),
                ((TableSpec) node.configure(s, model().spec(), CANCER.spec()).get(0)).names());
        var e = assertThrows(InvalidInputException.class,
                () -> node.configure(node.settings(Map.of("metric", "R2")), model().spec(), CANCER.spec()));
        assertTrue(e.getMessage().startsWith("Metric R2 is for regression models, but the model is a classifier."),
                e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> node.configure(s, model().spec(), CANCER.spec().without(List.of("class"))));
        assertTrue(e.getMessage().startsWith("The input table lacks the label column 'class'"), e.getMessage());
        TableSpec numericLabel = CANCER.spec().withColumns(List.of(new ColumnSpec("class", ColumnType.DOUBLE)));
        e = assertThrows(InvalidInputException.class, () -> node.configure(s, model().spec(), numericLabel));
        assertTrue(e.getMessage().startsWith("Label column 'class' is double"), e.getMessage());
    }

    @Test
    void featuresTheModelIgnoresHaveExactlyZeroImportance() {
        // Only mean_radius carries weight: shuffling the others changes no prediction.
        Model onlyRadius = TestModels.logistic(FEATURES, CLASSES, -14.0, new double[] {1.0, 0, 0});
        Table out = (Table) node.execute(node.settings(Map.of("repeats", 3)), onlyRadius, CANCER).outputs().get(0);
        assertEquals("mean_radius", out.stringColumn("feature").get(0));
        assertTrue(out.doubleColumn("importance").get(0) > 0.1);
        for (String f : List.of("mean_texture", "mean_smoothness")) {
            assertEquals(0.0, importance(out, f, "importance"), 0);
            assertEquals(0.0, importance(out, f, "std"), 0);
        }
    }

    @Test
    void meanDropsAgreeWithScikitLearnWithinTheirSamplingError() {
        // permutation_importance(m, X, y, scoring=..., n_repeats=200, random_state=0) in scikit-learn 1.2.1,
        // on the hand-set logistic regression; the shuffles differ, so the means agree within sampling error.
        Map<String, double[][]> reference = Map.of(
                "ACCURACY", new double[][] {{0.15938489, 0.04301406, 0.0273638}, {0.01598176, 0.01010344, 0.00770788}},
                "LOG_LOSS", new double[][] {{0.92799002, 0.11755126, 0.06626583}, {0.05176968, 0.01383047, 0.00652243}},
                "AUC", new double[][] {{0.35824682, 0.03289017, 0.02266519}, {0.0216636, 0.00504046, 0.00262636}});
        for (var e : reference.entrySet()) {
            Table out = (Table) node.execute(node.settings(Map.of("metric", e.getKey(), "repeats", 200, "seed", 1)),
                    model(), CANCER).outputs().get(0);
            for (int j = 0; j < 3; j++) {
                double sd = e.getValue()[1][j];
                assertEquals(e.getValue()[0][j], importance(out, FEATURES.get(j), "importance"), 5 * sd * Math.sqrt(2.0 / 200),
                        e.getKey() + " " + FEATURES.get(j));
                assertEquals(sd, importance(out, FEATURES.get(j), "std"), 0.25 * sd, e.getKey() + " std");
            }
        }
        Table acc = (Table) node.execute(node.settings(Map.of("repeats", 1)), model(), CANCER).outputs().get(0);
        assertEquals(0.671353251318102, acc.doubleColumn("baseline").get(0), 1e-12); // m.score(X, y)
    }

    @Test
    void sameSeedSameNumbersSubsamplingUnlabelledRowsAndCancellation() {
        var s = node.settings(Map.of("maxRows", 300, "seed", 4));
        TestContext ctx = TestContext.create();
        Table a = (Table) node.execute(s, ctx, model(), CANCER).outputs().get(0);
        Table b = (Table) node.execute(s, model(), CANCER).outputs().get(0);
        assertArrayEquals(a.doubleColumn("importance").toArray(), b.doubleColumn("importance").toArray(), 0);
        assertEquals(List.of("Sub-sampled 300 of 569 rows (setting 'Max rows')."), ctx.warnings());

        String[] labels = new String[CANCER.rowCount()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 9 ? null : CANCER.stringColumn("class").get(i);
        }
        Table partly = CANCER.withColumn(StringColumn.of(CANCER.column("class").spec(), Arrays.asList(labels)));
        TestContext warn = TestContext.create();
        node.execute(node.settings(Map.of("repeats", 1)), warn, model(), partly);
        assertEquals(List.of("Skipped 9 of 569 rows whose label 'class' is missing or a class the model does not know."),
                warn.warnings());

        assertThrows(CanceledException.class, () -> node.execute(node.settings(Map.of()),
                TestContext.create().cancelAfterProgressReports(2), model(), CANCER));
        var e = assertThrows(InvalidInputException.class, () -> node.execute(node.settings(Map.of()), model(),
                CANCER.slice(0, 0)));
        assertEquals("The input table is empty. Connect a table with at least one row.", e.getMessage());
    }

    @Test
    void randomForestHasAPositiveTopImportance() {
        Model rf = Models.randomForest(CANCER, 20);
        Table out = (Table) node.execute(node.settings(Map.of("repeats", 3)), rf, CANCER).outputs().get(0);
        assertEquals(30, out.rowCount());
        assertEquals(1, out.column("rank").getDouble(0));
        assertTrue(out.doubleColumn("importance").get(0) > 0, out.toString());
    }
}
