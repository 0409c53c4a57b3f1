package dev.quiver.nodes.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.explain.LimeNodeFactory.LimeSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LimeNodeFactoryTest {
    private final NodeTester<LimeSettings> node = NodeTester.of(new LimeNodeFactory());
    private static final Table CANCER = Fixtures.breastCancer();
    private static final List<String> ALL = TestModels.features(CANCER);
    private static final List<String> CLASSES = List.of("benign", "malignant");

    @Test
    void weightedRidgeMatchesScikitLearn() {
        double[][] x = {{0.5, -1.2, 3.0}, {1.5, 0.3, -0.7}, {-0.4, 2.2, 1.1}, {2.0, -0.5, 0.0}, {0.1, 0.9, -2.3},
            {-1.3, -0.8, 0.6}, {0.7, 1.7, 2.4}};
        double[] y = {0.9, 0.2, 0.65, 0.4, 0.05, 0.7, 0.55};
        double[] w = {1.0, 0.3, 0.8, 0.55, 0.95, 0.1, 0.6};
        // Ridge(alpha=1.0).fit(X, y, sample_weight=w): intercept_, coef_, score(X, y, sample_weight=w)
        double[] fit = Numerics.weightedRidge(x, y, w, 1.0);
        assertArrayEquals(new double[] {0.4545424448021211, -0.059933685456042794, -0.03775260158957317,
            0.13455624038183694}, fit, 1e-14);
        double[] pred = new double[7];
        for (int i = 0; i < 7; i++) {
            pred[i] = Lime.predict(fit, x[i]);
        }
        assertEquals(0.9411023516189518, Numerics.weightedR2(y, pred, w), 1e-14);
        assertArrayEquals(new double[] {0.47029106816340116, -0.08973046433602126, -0.04863557032514325,
            0.1408936437432565}, Numerics.weightedRidge(x, y, w, 0.01), 1e-14);
    }

    @Test
    void perturbationsCentreOnTheRowWithTheExponentialKernel() {
        double[] x = {1, 2};
        Lime.Samples s = Lime.sample(x, new double[] {0, 0}, new double[] {2, 4}, 20000, 0.75 * Math.sqrt(2),
                new SplittableRandom(1));
        assertArrayEquals(x, s.raw()[0], 0);
        assertEquals(1.0, s.weights()[0], 0);
        double m0 = 0;
        double v1 = 0;
        for (double[] z : s.raw()) {
            m0 += z[0] / 20000;
            v1 += (z[1] - 2) * (z[1] - 2) / 20000;
        }
        assertEquals(1, m0, 0.05);
        assertEquals(16, v1, 0.5);
        double[] z = s.scaled()[7];
        double d2 = Math.pow(z[0] - 0.5, 2) + Math.pow(z[1] - 0.5, 2);
        assertEquals(Math.sqrt(Math.exp(-d2 / (0.75 * 0.75 * 2))), s.weights()[7], 1e-15);
    }

    @Test
    void recoversTheSlopesOfAModelLinearInProbability() {
        // P(malignant) = b + Σ w_j x_j exactly, so the local linear fit is perfect (R² = 1) and its weights per
        // standard deviation are w_j·σ_j, shrunk only a little by the ridge penalty α = 1.
        List<String> f = ALL.subList(0, 4);
        double[] w = {0.02, -0.01, 0.002, 0.0001};
        Model linear = TestModels.linearProbability(f, CLASSES, 0.2, w);
        var s = node.settings(Map.of("features", 4, "selection", "NONE", "maxRows", 2, "samples", 5000));
        Table rows = CANCER.slice(10, 12);
        NodeResult r = node.execute(s, linear, rows, CANCER);
        Table ex = (Table) r.outputs().get(0);
        Table fit = (Table) r.outputs().get(1);
        assertEquals(8, ex.rowCount());
        for (int i = 0; i < 4; i++) {
            int j = f.indexOf(ex.stringColumn("feature").get(i));
            double sd = Numerics.std(CANCER.doubleColumn(f.get(j)).toArray());
            assertEquals(w[j] * sd, ex.doubleColumn("weight").get(i), Math.abs(w[j] * sd) * 0.01, f.get(j));
            assertEquals(i + 1, ex.column("rank").getDouble(i));
        }
        assertEquals(1.0, fit.doubleColumn("r2").get(0), 1e-5); // not 1 exactly: the ridge shrinks
        assertEquals(fit.doubleColumn("model_prediction").get(0), fit.doubleColumn("local_prediction").get(0), 1e-3);
        assertEquals("malignant", fit.stringColumn("class").get(0));
        assertEquals(List.of("lime-1"), r.charts().stream().map(c -> c.id()).toList());
    }

    @Test
    void selectsTheFeaturesThatMatterOnARandomForestAndIsReproducible() {
        Model rf = Models.randomForest(CANCER, 20);
        var s = node.settings(Map.of("features", 5, "maxRows", 2, "samples", 2000, "seed", 9));
        Table a = (Table) node.execute(s, rf, CANCER.slice(0, 3), CANCER).outputs().get(0);
        Table b = (Table) node.execute(s, rf, CANCER.slice(0, 3), CANCER).outputs().get(0);
        assertEquals(10, a.rowCount());
        assertArrayEquals(a.doubleColumn("weight").toArray(), b.doubleColumn("weight").toArray(), 0);
        for (int i = 0; i < 10; i++) {
            assertEquals(a.stringColumn("feature").get(i), b.stringColumn("feature").get(i));
        }
        var highest = node.settings(Map.of("features", 5, "maxRows", 1, "selection", "HIGHEST_WEIGHTS"));
        Table h = (Table) node.execute(highest, rf, CANCER.slice(0, 1), CANCER).outputs().get(0);
        assertEquals(5, h.rowCount());
    }

    @Test
    void withTheSameSeedLimeAndShapExplainTheSameRows() {
        Model lr = TestModels.logistic(ALL.subList(0, 2), CLASSES, 0, new double[] {0.1, 0.1});
        Table fit = (Table) node.execute(node.settings(Map.of("maxRows", 3, "samples", 50, "seed", 42)), lr, CANCER,
                CANCER).outputs().get(1);
        var shap = NodeTester.of(new ShapNodeFactory());
        Table s = (Table) shap.execute(shap.settings(Map.of("maxRows", 3, "maxBackgroundRows", 5, "seed", 42)), lr,
                CANCER, CANCER).outputs().get(0);
        for (int i = 0; i < 3; i++) {
            assertEquals(s.column("row").getDouble(i), fit.column("row").getDouble(i), "row " + i);
        }
    }

    @Test
    void badInputsWarningsAndCancellation() {
        Model lr = TestModels.logistic(ALL.subList(0, 2), CLASSES, 0, new double[] {0.1, 0.1});
        TestContext ctx = TestContext.create();
        node.execute(node.settings(Map.of("maxRows", 2, "samples", 50)), ctx, lr, CANCER, CANCER);
        assertEquals(List.of("Sub-sampled 2 of 569 rows to explain (setting 'Rows to explain')."), ctx.warnings());
        assertThrows(CanceledException.class, () -> node.execute(node.settings(Map.of("samples", 50)),
                TestContext.create().cancelAfterProgressReports(1), lr, CANCER, CANCER));
        var e = assertThrows(InvalidInputException.class, () -> node.execute(node.settings(Map.of()), lr,
                CANCER.slice(0, 0), CANCER));
        assertEquals("The rows table is empty. Connect a table with at least one row.", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> node.configure(node.settings(Map.of()), lr.spec(),
                CANCER.spec().without(List.of("mean_radius")), CANCER.spec()));
        assertTrue(e.getMessage().startsWith("The rows table lacks the model's feature column(s) mean_radius"));
    }
}
