package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.tribuo.XGBoostNodeFactory.XGBoostSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XGBoostNodeFactoryTest {
    private static final FitColumns IRIS = new FitColumns("class", IrisSplits.FEATURES);
    private final NodeTester<XGBoostSettings> tester = NodeTester.of(new XGBoostNodeFactory());

    private Learner learner(Map<String, ?> overrides) {
        return (Learner) tester.execute(tester.settings(overrides)).outputs().get(0);
    }

    @Test
    void configureGivesALearnerSpec() {
        LearnerSpec spec = (LearnerSpec) tester.configure(new XGBoostNodeFactory().defaultSettings()).get(0);
        assertEquals("Gradient boosted trees (XGBoost)", spec.name());
        assertEquals("100", spec.settings().get("trees"));
        assertEquals("HIST", spec.settings().get("splitSearch"));
    }

    @Test
    void generalisesOnTheWorkflowSplitWithValidProbabilities() {
        IrisSplits.Split split = IrisSplits.stratified(Fixtures.iris(), "class", 0.7, 42);
        Model model = learner(Map.of()).fit(split.train(), IRIS, TestContext.create());
        Table out = model.predict(split.test(), TestContext.create());
        double acc = LogisticRegressionNodeFactoryTest.accuracy(out, split.test());
        assertTrue(acc >= 0.9, "held-out accuracy " + acc);
        for (int i = 0; i < out.rowCount(); i++) {
            double sum = 0;
            for (String c : model.spec().classes()) {
                sum += out.doubleColumn("P(" + c + ")").get(i);
            }
            assertEquals(1.0, sum, 1e-6);
        }
    }

    @Test
    void moreRoundsFitTheTrainingRowsCloser() {
        Table iris = Fixtures.iris();
        double one = LogisticRegressionNodeFactoryTest.accuracy(learner(Map.of("trees", 1, "maxDepth", 1))
                .fit(iris, IRIS, TestContext.create()).predict(iris, TestContext.create()), iris);
        double many = LogisticRegressionNodeFactoryTest.accuracy(learner(Map.of("trees", 50, "maxDepth", 3))
                .fit(iris, IRIS, TestContext.create()).predict(iris, TestContext.create()), iris);
        assertTrue(many > one, many + " > " + one);
        assertTrue(many >= 0.99, "50 depth-3 trees fit iris's training rows almost perfectly: " + many);
    }

    @Test
    void sameSeedSameModelWithSubsampling() {
        Table iris = Fixtures.iris();
        Map<String, Object> s = Map.of("subsample", 0.7, "featureSubsample", 0.5, "trees", 20, "seed", 3);
        double[] a = learner(s).fit(iris, IRIS, TestContext.create()).predict(iris, TestContext.create())
                .doubleColumn("P(versicolor)").toArray();
        double[] b = learner(s).fit(iris, IRIS, TestContext.create()).predict(iris, TestContext.create())
                .doubleColumn("P(versicolor)").toArray();
        assertArrayEquals(a, b, 0.0);
    }
}
