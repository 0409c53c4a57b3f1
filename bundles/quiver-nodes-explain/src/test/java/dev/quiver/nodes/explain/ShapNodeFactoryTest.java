package dev.quiver.nodes.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.explain.ShapNodeFactory.ShapSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapNodeFactoryTest {
    private final NodeTester<ShapSettings> node = NodeTester.of(new ShapNodeFactory());
    private static final Table CANCER = Fixtures.breastCancer();
    private static final List<String> ALL = TestModels.features(CANCER);
    private static final List<String> CLASSES = CANCER.stringColumn("class").domain();

    /** Weights of about 0.3 per standard deviation, alternating in sign, so that no probability saturates. */
    static double[] weights(int m) {
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            double[] v = CANCER.doubleColumn(ALL.get(j)).toArray();
            w[j] = (j % 3 == 0 ? -1 : 1) * 0.3 / Numerics.std(v) * (1 + j % 2) / 2;
        }
        return w;
    }

    /** The first {@code m} features and the label. */
    private static Table first(int m) {
        var names = new java.util.ArrayList<>(ALL.subList(0, m));
        names.add("class");
        return CANCER.select(names);
    }

    private static double[][] shap(Table out, List<String> features) {
        double[][] phi = new double[out.rowCount()][features.size()];
        for (int j = 0; j < features.size(); j++) {
            var c = out.doubleColumn(ShapNodeFactory.shapColumn(features.get(j)));
            for (int i = 0; i < out.rowCount(); i++) {
                phi[i][j] = c.get(i);
            }
        }
        return phi;
    }

    private static void assertEfficiency(Table out, int m, double tol) {
        List<String> features = out.spec().names().subList(4, 4 + m);
        for (int i = 0; i < out.rowCount(); i++) {
            double sum = out.doubleColumn("base_value").get(i);
            for (String f : features) {
                sum += out.doubleColumn(f).get(i);
            }
            assertEquals(out.doubleColumn("output").get(i), sum, tol, "row " + i);
        }
    }

    @Test
    void configureListsOneShapColumnPerFeatureAndRejectsBadInputs() {
        Model lr = TestModels.logistic(ALL.subList(0, 3), CLASSES, 0, new double[3]);
        var settings = new ShapNodeFactory().defaultSettings();
        TableSpec spec = (TableSpec) node.configure(settings, lr.spec(), CANCER.spec(), CANCER.spec()).get(0);
        assertEquals(List.of("row", "class", "base_value", "output", "SHAP(mean_radius)", "SHAP(mean_texture)",
                "SHAP(mean_perimeter)"), spec.names());
        assertFalse(node.configure(settings, PortSpec.unknown(PortType.MODEL), CANCER.spec(), CANCER.spec()).get(0)
                .isKnown());

        TableSpec noTexture = CANCER.spec().without(List.of("mean_texture"));
        var e = assertThrows(InvalidInputException.class,
                () -> node.configure(settings, lr.spec(), CANCER.spec(), noTexture));
        assertTrue(e.getMessage().startsWith("The rows table lacks the model's feature column(s) mean_texture"),
                e.getMessage());
        TableSpec nominal = CANCER.spec().withColumns(List.of(ColumnSpec.nominal("mean_radius",
                dev.quiver.api.table.ColumnRole.FEATURE, List.of("a"))));
        e = assertThrows(InvalidInputException.class, () -> node.configure(settings, lr.spec(), nominal, CANCER.spec()));
        assertTrue(e.getMessage().startsWith("Feature column 'mean_radius' of the background table is string"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> node.configure(node.settings(Map.of("targetClass", "maybe")),
                lr.spec(), CANCER.spec(), CANCER.spec()));
        assertTrue(e.getMessage().startsWith("Target class 'maybe' is not one of the model's classes"), e.getMessage());
        Model wide = TestModels.logistic(ALL, CLASSES, 0, new double[30]);
        e = assertThrows(InvalidInputException.class, () -> node.configure(node.settings(Map.of("method", "EXACT")),
                wide.spec(), CANCER.spec(), CANCER.spec()));
        assertTrue(e.getMessage().contains("more than 16. Choose KERNEL or AUTO."), e.getMessage());
    }

    @Test
    void exactShapOfALogisticRegressionInLogOddsIsTheClosedForm() {
        // In log-odds a logistic regression is linear, g(x) = b + w·x; with the interventional value function
        // v(S) = E_b[g(x_S, b_rest)], φ_j = w_j (x_j − mean of the background's x_j), exactly.
        int m = 8;
        double[] w = weights(m);
        Model lr = TestModels.logistic(ALL.subList(0, m), CLASSES, -0.3, w);
        Table background = first(m).slice(0, 40);
        Table rows = first(m).slice(100, 105);
        var settings = node.settings(Map.of("outputSpace", "LOG_ODDS"));
        Table out = (Table) node.execute(settings, lr, background, rows).outputs().get(0);
        double[][] phi = shap(out, ALL.subList(0, m));
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < m; j++) {
                double mean = 0;
                for (int b = 0; b < 40; b++) {
                    mean += background.doubleColumn(ALL.get(j)).get(b) / 40;
                }
                assertEquals(w[j] * (rows.doubleColumn(ALL.get(j)).get(i) - mean), phi[i][j], 1e-9);
            }
            assertEquals(CLASSES.get(1), out.stringColumn("class").get(i));
            assertEquals(1 + i, out.column("row").getDouble(i));
        }
        assertEfficiency(out, m, 1e-9);
    }

    @Test
    void exactShapOfAModelLinearInProbabilityIsTheClosedForm() {
        int m = 6;
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = 1e-4 * (j + 1);
        }
        Model linear = TestModels.linearProbability(ALL.subList(0, m), CLASSES, 0.1, w);
        Table background = first(m).slice(0, 30);
        Table rows = first(m).slice(200, 203);
        Table out = (Table) node.execute(node.settings(Map.of("targetClass", CLASSES.get(0))), linear, background, rows)
                .outputs().get(0);
        double[][] phi = shap(out, ALL.subList(0, m));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < m; j++) {
                double mean = 0;
                for (int b = 0; b < 30; b++) {
                    mean += background.doubleColumn(ALL.get(j)).get(b) / 30;
                }
                // P(class 0) = 1 − P(class 1): the weights change sign.
                assertEquals(-w[j] * (rows.doubleColumn(ALL.get(j)).get(i) - mean), phi[i][j], 1e-12);
            }
        }
        assertEfficiency(out, m, 1e-12);
    }

    @Test
    void exactShapOfARandomForestSumsToItsOutputAndKernelShapWithEveryCoalitionAgrees() {
        int m = 6;
        Table data = first(m);
        Model rf = Models.randomForest(data, 10);
        Table background = data.slice(0, 25);
        Table rows = data.rows(new int[] {3, 70, 400});
        Table exact = (Table) node.execute(node.settings(Map.of("method", "EXACT")), rf, background, rows)
                .outputs().get(0);
        assertEfficiency(exact, m, 1e-9);
        Table predicted = rf.predict(rows, TestContext.create());
        for (int i = 0; i < 3; i++) {
            assertEquals(predicted.doubleColumn("P(" + CLASSES.get(1) + ")").get(i), exact.doubleColumn("output").get(i),
                    1e-12);
        }
        // 2^6 − 2 = 62 coalitions: Kernel SHAP enumerates them all and its regression returns the Shapley values.
        Table kernel = (Table) node.execute(node.settings(Map.of("method", "KERNEL", "samples", 62)), rf, background,
                rows).outputs().get(0);
        double[][] a = shap(exact, ALL.subList(0, m));
        double[][] b = shap(kernel, ALL.subList(0, m));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(a[i], b[i], 1e-9);
        }
    }

    @Test
    void kernelShapOnThirtyFeaturesMeetsEfficiencyAndRecoversALinearGame() {
        double[] w = weights(30);
        Model lr = TestModels.logistic(ALL, CLASSES, 0.5, w);
        Table background = CANCER.slice(0, 20);
        Table rows = CANCER.slice(300, 302);
        var settings = node.settings(Map.of("outputSpace", "LOG_ODDS", "samples", 500));
        NodeResult result = node.execute(settings, lr, background, rows);
        Table out = (Table) result.outputs().get(0);
        assertEfficiency(out, 30, 1e-9);
        // A linear game lies in the span of the regression, so even sampled coalitions give the exact answer.
        double[][] phi = shap(out, ALL);
        for (int j = 0; j < 30; j++) {
            double mean = 0;
            for (int b = 0; b < 20; b++) {
                mean += background.doubleColumn(ALL.get(j)).get(b) / 20;
            }
            assertEquals(w[j] * (rows.doubleColumn(ALL.get(j)).get(0) - mean), phi[0][j], 1e-7, ALL.get(j));
        }
        Table summary = (Table) result.outputs().get(1);
        assertEquals(30, summary.rowCount());
        assertEquals(1, summary.column("rank").getDouble(0));
        assertEquals(List.of("summary", "waterfall-1", "waterfall-2"),
                result.charts().stream().map(c -> c.id()).toList());
    }

    @Test
    void kernelShapOfARandomForestIsReproducibleAndCloseToExact() {
        int m = 10;
        Table data = first(m);
        Model rf = Models.randomForest(data, 10);
        Table background = data.slice(0, 20);
        Table rows = data.rows(new int[] {5, 250});
        var kernel = node.settings(Map.of("method", "KERNEL", "samples", 300, "seed", 3));
        Table a = (Table) node.execute(kernel, rf, background, rows).outputs().get(0);
        Table b = (Table) node.execute(kernel, rf, background, rows).outputs().get(0);
        assertArrayEquals(shap(a, ALL.subList(0, m))[1], shap(b, ALL.subList(0, m))[1], 0.0);
        assertEfficiency(a, m, 1e-9);
        Table exact = (Table) node.execute(node.settings(Map.of("method", "EXACT")), rf, background, rows).outputs()
                .get(0);
        double[][] pa = shap(a, ALL.subList(0, m));
        double[][] pe = shap(exact, ALL.subList(0, m));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < m; j++) {
                assertEquals(pe[i][j], pa[i][j], 0.02, "row " + i + " feature " + j);
            }
        }
    }

    @Test
    void subSamplesWithAWarningCancelsAndRejectsEmptyTables() {
        Model lr = TestModels.logistic(ALL.subList(0, 3), CLASSES, 0, new double[] {0.1, 0.2, 0.3});
        TestContext ctx = TestContext.create();
        Table out = (Table) node.execute(node.settings(Map.of("maxBackgroundRows", 10, "maxRows", 4)), ctx, lr, CANCER,
                CANCER).outputs().get(0);
        assertEquals(4, out.rowCount());
        assertTrue(ctx.warnings().contains("Sub-sampled 10 of 569 background rows (setting 'Background rows')."),
                ctx.warnings().toString());
        assertTrue(ctx.warnings().contains("Sub-sampled 4 of 569 rows to explain (setting 'Rows to explain')."));

        TestContext cancel = TestContext.create().cancelAfterProgressReports(2);
        assertThrows(CanceledException.class, () -> node.execute(node.settings(Map.of()), cancel, lr, CANCER, CANCER));

        var e = assertThrows(InvalidInputException.class,
                () -> node.execute(node.settings(Map.of()), lr, CANCER.slice(0, 0), CANCER));
        assertEquals("The background table is empty. Connect a table with at least one row.", e.getMessage());
    }
}
