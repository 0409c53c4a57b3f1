package dev.quiver.nodes.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.eval.CrossValidateNodeFactory.CrossValidateSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossValidateNodeFactoryTest {
    private static final double EPS = 1e-9;
    private final NodeTester<CrossValidateSettings> tester = NodeTester.of(new CrossValidateNodeFactory());
    private final CrossValidateSettings defaults = new CrossValidateNodeFactory().defaultSettings();

    private static long[] folds(Table predictions) {
        long[] out = new long[predictions.rowCount()];
        LongColumn f = (LongColumn) predictions.column("fold");
        for (int i = 0; i < out.length; i++) {
            out[i] = f.get(i);
        }
        return out;
    }

    @Test
    void perFoldMetricsMatchScikitLearnOnTheSameFolds() {
        NodeResult r = tester.execute(defaults, new CentroidLearner(), Fixtures.iris(), null);
        Table folds = (Table) r.outputs().get(0);
        Table predictions = (Table) r.outputs().get(2);
        // Stratified 5-fold: every fold has 10 rows of each class.
        long[] fold = folds(predictions);
        for (int f = 1; f <= 5; f++) {
            int[] perClass = new int[3];
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == f) {
                    perClass[predictions.stringColumn("class").code(i)]++;
                }
            }
            assertArrayEquals(new int[] {10, 10, 10}, perClass, "fold " + f);
            assertEquals(30, ((LongColumn) folds.column("test rows")).get(f - 1));
            assertEquals(120, ((LongColumn) folds.column("train rows")).get(f - 1));
        }
        // Reference: scikit-learn 1.2.1 NearestCentroid fitted on the other folds of exactly these fold numbers
        // (read back from this node's `predictions` output), accuracy_score, f1_score(average="macro"),
        // cohen_kappa_score on each test fold; mean and np.std(ddof=1) of the accuracies.
        double[] accuracy = {0.9, 0.9666666666666667, 0.9666666666666667, 1.0, 0.8666666666666667};
        double[] macroF1 = {0.899749373433584, 0.9665831244778613, 0.9665831244778613, 1.0, 0.8666666666666668};
        double[] kappa = {0.85, 0.95, 0.95, 1.0, 0.8};
        assertArrayEquals(accuracy, folds.doubleColumn("accuracy").toArray(), EPS);
        assertArrayEquals(macroF1, folds.doubleColumn("macro F1").toArray(), EPS);
        assertArrayEquals(kappa, folds.doubleColumn("Cohen's kappa").toArray(), EPS);

        Table summary = (Table) r.outputs().get(1);
        assertEquals("accuracy", summary.stringColumn("metric").get(0));
        assertEquals(0.9400000000000001, summary.doubleColumn("mean").get(0), EPS);
        assertEquals(0.0547722557505166, summary.doubleColumn("std").get(0), EPS);
        assertEquals(0.8666666666666667, summary.doubleColumn("min").get(0), EPS);
        assertEquals(1.0, summary.doubleColumn("max").get(0), EPS);
        var metricNames = new ArrayList<String>();
        for (int i = 0; i < summary.rowCount(); i++) {
            metricNames.add(summary.stringColumn("metric").get(i));
        }
        assertEquals(CrossValidateNodeFactory.CLASSIFICATION_METRICS, metricNames);

        // Every row is predicted exactly once, in the input's order.
        assertEquals(150, predictions.rowCount());
        int correct = 0;
        for (int i = 0; i < 150; i++) {
            if (predictions.stringColumn("prediction").get(i).equals(predictions.stringColumn("class").get(i))) {
                correct++;
            }
        }
        assertEquals(0.94 * 150, correct, EPS);
        assertEquals(1, r.charts().size());
    }

    @Test
    void regressionMetricsMatchScikitLearnOnTheSameFolds() {
        var settings = tester.settings(Map.of("labelColumn", "petal_width", "featureColumns", List.of("petal_length")));
        NodeResult r = tester.execute(settings, new LeastSquaresLearner(), Fixtures.iris(), null);
        Table folds = (Table) r.outputs().get(0);
        assertEquals(CrossValidateNodeFactory.foldsSpec(LeastSquaresLearner.SPEC.task()), folds.spec());
        // Reference: scikit-learn 1.2.1 LinearRegression on petal_length → petal_width, fitted on the other folds
        // of exactly these fold numbers (unstratified for regression; read back from `predictions`), with
        // mean_squared_error ** 0.5, mean_absolute_error and r2_score on each test fold.
        assertArrayEquals(new double[] {0.1491460165153025, 0.2093599370890654, 0.16256491514883656,
            0.2366277872806225, 0.26754660617258663}, folds.doubleColumn("RMSE").toArray(), EPS);
        assertArrayEquals(new double[] {0.11550345452381917, 0.16250934537617961, 0.12461229742600907,
            0.1886812371571401, 0.21044137568895216}, folds.doubleColumn("MAE").toArray(), EPS);
        assertArrayEquals(new double[] {0.9596694584646563, 0.9298582441063571, 0.9357936063232546,
            0.9007925058233105, 0.8830882189550263}, folds.doubleColumn("R²").toArray(), EPS);
        Table predictions = (Table) r.outputs().get(2);
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "class", "prediction", "fold"),
                predictions.spec().names());
        assertEquals(ColumnType.DOUBLE, predictions.spec().find("prediction").orElseThrow().type());
    }

    @Test
    void transformIsRefittedOnEachTrainingFoldOnly() {
        var transformLearner = new CenteringTransform.Learner();
        var fitted = transformLearner.fit(Fixtures.iris(), TestContext.create());
        transformLearner.fittedRowCounts.clear();
        NodeResult r = tester.execute(defaults, new CentroidLearner(), Fixtures.iris(), fitted);
        assertEquals(List.of(120, 120, 120, 120, 120), transformLearner.fittedRowCounts,
                "one refit per fold, on the 120 training rows, never on all 150");
        // Centring with the training fold's mean moves train and test alike, so nearest centroid is unchanged.
        Table folds = (Table) r.outputs().get(0);
        assertArrayEquals(new double[] {0.9, 0.9666666666666667, 0.9666666666666667, 1.0, 0.8666666666666667},
                folds.doubleColumn("accuracy").toArray(), EPS);
    }

    @Test
    void sameSeedSameFoldsOtherSeedOtherFolds() {
        long[] a = folds((Table) tester.execute(defaults, new CentroidLearner(), Fixtures.iris(), null).outputs().get(2));
        long[] b = folds((Table) tester.execute(defaults, new CentroidLearner(), Fixtures.iris(), null).outputs().get(2));
        var other = tester.settings(Map.of("seed", 7));
        long[] c = folds((Table) tester.execute(other, new CentroidLearner(), Fixtures.iris(), null).outputs().get(2));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void unstratifiedFoldsDifferInSizeByAtMostOne() {
        var settings = tester.settings(Map.of("stratified", false, "folds", 4));
        Table folds = (Table) tester.execute(settings, new CentroidLearner(), Fixtures.iris(), null).outputs().get(0);
        var sizes = new ArrayList<Long>();
        for (int f = 0; f < 4; f++) {
            sizes.add(((LongColumn) folds.column("test rows")).get(f));
        }
        assertEquals(List.of(38L, 38L, 37L, 37L), sizes);
    }

    @Test
    void reportsEachFoldAndCanBeCancelled() {
        TestContext ctx = TestContext.create();
        tester.execute(defaults, ctx, new CentroidLearner(), Fixtures.iris(), null);
        List<String> messages = ctx.progressEvents().stream().map(TestContext.ProgressEvent::message).toList();
        for (int f = 0; f <= 5; f++) {
            assertTrue(messages.contains(f + " of 5 folds"), messages.toString());
        }
        // Two folds run at once here (the test context's parallelism is 2): cancelling at the second
        // fold's report lets the one in flight finish and leaves the last two unscheduled.
        TestContext canceling = TestContext.create().cancelAfterProgressReports(3);
        assertThrows(CanceledException.class,
                () -> tester.execute(defaults, canceling, new CentroidLearner(), Fixtures.iris(), null));
        List<String> seen = canceling.progressEvents().stream().map(TestContext.ProgressEvent::message).toList();
        assertTrue(seen.contains("2 of 5 folds") && !seen.contains("4 of 5 folds"), seen.toString());
    }

    @Test
    void configureOnSpecsAlone() {
        TableSpec iris = Fixtures.iris().spec();
        List<PortSpec> out = tester.configure(defaults, CentroidLearner.SPEC, iris, null);
        assertEquals(CrossValidateNodeFactory.foldsSpec(CentroidLearner.SPEC.task()), out.get(0));
        assertEquals(CrossValidateNodeFactory.SUMMARY_SPEC, out.get(1));
        var expected = new ArrayList<>(iris.names());
        expected.addAll(List.of("prediction", "P(setosa)", "P(versicolor)", "P(virginica)", "fold"));
        assertEquals(expected, ((TableSpec) out.get(2)).names());
        assertFalse(tester.configure(defaults, PortSpec.unknown(PortType.LEARNER), iris, null).get(0).isKnown());
    }

    @Test
    void clearErrors() {
        var tooMany = tester.settings(Map.of("folds", 100));
        Table small = Fixtures.iris().slice(45, 55);
        var e = assertThrows(InvalidInputException.class,
                () -> tester.execute(tooMany, new CentroidLearner(), small, null));
        assertEquals("10 labelled rows cannot fill 100 folds. Use at most 10 folds, or more rows.", e.getMessage());

        var e2 = assertThrows(InvalidInputException.class,
                () -> tester.settings(Map.of("folds", 1)));
        assertTrue(e2.getMessage().startsWith("Setting 'Folds' is 1, but must be between 2 and 100."), e2.getMessage());

        TestContext ctx = TestContext.create();
        var three = tester.settings(Map.of("folds", 6));
        tester.execute(three, ctx, new CentroidLearner(), small, null);
        assertTrue(ctx.warnings().stream().anyMatch(w -> w.startsWith("Class 'setosa' has only 5 rows, fewer than the 6")),
                ctx.warnings().toString());
    }
}
