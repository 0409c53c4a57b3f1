package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.tribuo.LibLinearNodeFactory.LibLinearSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LibLinearNodeFactoryTest {
    private static final FitColumns IRIS = new FitColumns("class", IrisSplits.FEATURES);
    private final NodeTester<LibLinearSettings> tester = NodeTester.of(new LibLinearNodeFactory());

    /** All 150 iris rows, z-scored with their own mean and population standard deviation. */
    private static Table zScoredIris() {
        return IrisSplits.zScore(new IrisSplits.Split(Fixtures.iris(), Fixtures.iris())).train();
    }

    private Learner learner(Map<String, ?> overrides) {
        return (Learner) tester.execute(tester.settings(overrides)).outputs().get(0);
    }

    @Test
    void configureGivesALearnerSpec() {
        LearnerSpec spec = (LearnerSpec) tester.configure(new LibLinearNodeFactory().defaultSettings()).get(0);
        assertEquals("Linear classifier (LIBLINEAR)", spec.name());
        assertEquals("L2_LOGISTIC", spec.settings().get("solver"));
        assertEquals("1.0", spec.settings().get("cost"));
    }

    @Test
    void logisticSolversMatchScikitLearnLiblinear() {
        // Reference: scikit-learn 1.2.1 LogisticRegression(solver="liblinear", C=1.0, tol=1e-8, max_iter=100000,
        // penalty="l2" (multi_class="ovr") or "l1") on all 150 z-scored iris rows: predict_proba of rows 0, 60, 120.
        Table iris = zScoredIris();
        Map<String, double[]> expected = Map.of(
                "L2_LOGISTIC", new double[] {0.9055497832891196, 0.09432687159384746, 0.9355160744218108,
                    0.03524757806407772, 0.8486120955190236, 0.9266666666666666},
                "L1_LOGISTIC", new double[] {0.907710862554551, 0.09228876721706758, 0.9759283860687828,
                    0.007256964669860566, 0.8513192975486461, 0.94});
        for (var e : expected.entrySet()) {
            Model model = learner(Map.of("solver", e.getKey(), "tolerance", 1e-8, "maxIterations", 100_000))
                    .fit(iris, IRIS, TestContext.create());
            Table out = model.predict(iris, TestContext.create());
            double[] want = e.getValue();
            assertEquals(want[0], out.doubleColumn("P(setosa)").get(0), 1e-6, e.getKey());
            assertEquals(want[1], out.doubleColumn("P(versicolor)").get(0), 1e-6, e.getKey());
            assertEquals(want[2], out.doubleColumn("P(versicolor)").get(60), 1e-6, e.getKey());
            assertEquals(want[3], out.doubleColumn("P(virginica)").get(60), 1e-6, e.getKey());
            assertEquals(want[4], out.doubleColumn("P(virginica)").get(120), 1e-6, e.getKey());
            assertEquals(want[5], LogisticRegressionNodeFactoryTest.accuracy(out, iris), 1e-12, e.getKey());
        }
    }

    @Test
    void svmSolversMatchScikitLearnAndGiveOneHotProbabilities() {
        // Reference: scikit-learn 1.2.1 LinearSVC(C=1.0, tol=0.01) on all 150 z-scored iris rows, training
        // accuracy: squared hinge 0.9466666666666667, hinge (loss="hinge") 0.9266666666666666,
        // multi_class="crammer_singer" 0.9733333333333334.
        Table iris = zScoredIris();
        Map<String, Double> expected = Map.of("L2_SVM", 0.9466666666666667, "L2_SVM_HINGE", 0.9266666666666666,
                "CRAMMER_SINGER", 0.9733333333333334);
        for (var e : expected.entrySet()) {
            Model model = learner(Map.of("solver", e.getKey())).fit(iris, IRIS, TestContext.create());
            Table out = model.predict(iris, TestContext.create());
            assertEquals(e.getValue(), LogisticRegressionNodeFactoryTest.accuracy(out, iris), 1e-12, e.getKey());
            for (int i = 0; i < out.rowCount(); i++) {
                String predicted = out.stringColumn("prediction").get(i);
                for (String c : model.spec().classes()) {
                    assertEquals(c.equals(predicted) ? 1.0 : 0.0, out.doubleColumn("P(" + c + ")").get(i));
                }
            }
        }
    }

    @Test
    void smallerCostMeansMoreRegularisation() {
        Table iris = zScoredIris();
        double strong = LogisticRegressionNodeFactoryTest.accuracy(learner(Map.of("cost", 0.001))
                .fit(iris, IRIS, TestContext.create()).predict(iris, TestContext.create()), iris);
        double weak = LogisticRegressionNodeFactoryTest.accuracy(learner(Map.of("cost", 100.0))
                .fit(iris, IRIS, TestContext.create()).predict(iris, TestContext.create()), iris);
        assertTrue(weak > strong, weak + " > " + strong);
    }

    @Test
    void badCostIsRejected() {
        var e = assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("cost", 0)));
        assertTrue(e.getMessage().startsWith("Setting 'Cost C' is 0, but must be between 0.00001 and 100000."),
                e.getMessage());
    }
}
