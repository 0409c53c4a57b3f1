package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.tribuo.DecisionTreeNodeFactory.DecisionTreeSettings;
import dev.quiver.nodes.tribuo.RandomForestNodeFactory.RandomForestSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TreeLearnersTest {
    private static final FitColumns IRIS = new FitColumns("class", IrisSplits.FEATURES);
    private final NodeTester<DecisionTreeSettings> tree = NodeTester.of(new DecisionTreeNodeFactory());
    private final NodeTester<RandomForestSettings> forest = NodeTester.of(new RandomForestNodeFactory());

    private Learner treeLearner(Map<String, ?> overrides) {
        return (Learner) tree.execute(tree.settings(overrides)).outputs().get(0);
    }

    private Learner forestLearner(Map<String, ?> overrides) {
        return (Learner) forest.execute(forest.settings(overrides)).outputs().get(0);
    }

    @Test
    void configureGivesLearnerSpecs() {
        LearnerSpec t = (LearnerSpec) tree.configure(new DecisionTreeNodeFactory().defaultSettings()).get(0);
        assertEquals("Decision tree", t.name());
        assertEquals("GINI", t.settings().get("impurity"));
        LearnerSpec f = (LearnerSpec) forest.configure(new RandomForestNodeFactory().defaultSettings()).get(0);
        assertEquals("Random forest", f.name());
        assertEquals("100", f.settings().get("trees"));
    }

    @Test
    void depthTwoTreeMatchesScikitLearn() {
        // Reference: scikit-learn 1.2.1 DecisionTreeClassifier(max_depth=2, min_samples_leaf=5) on all of iris:
        // training accuracy 0.96; leaves (setosa 50), (versicolor 49, virginica 5), (versicolor 1, virginica 45),
        // so predict_proba takes the values (1, 0, 0), (0, 49/54, 5/54) and (0, 1/46, 45/46).
        Table iris = Fixtures.iris();
        Model model = treeLearner(Map.of("maxDepth", 2)).fit(iris, IRIS, TestContext.create());
        Table out = model.predict(iris, TestContext.create());
        assertEquals(0.96, LogisticRegressionNodeFactoryTest.accuracy(out, iris), 1e-12);
        var rows = new TreeSet<String>();
        for (int i = 0; i < out.rowCount(); i++) {
            rows.add(String.format(java.util.Locale.ROOT, "%.6f %.6f %.6f", out.doubleColumn("P(setosa)").get(i),
                    out.doubleColumn("P(versicolor)").get(i), out.doubleColumn("P(virginica)").get(i)));
        }
        assertEquals(new TreeSet<>(List.of("1.000000 0.000000 0.000000", "0.000000 0.907407 0.092593",
                "0.000000 0.021739 0.978261")), rows);
        assertEquals(2, ((TreeClassifier) model).depth());

        Model stump = treeLearner(Map.of("maxDepth", 1)).fit(iris, IRIS, TestContext.create());
        // scikit-learn, max_depth=1: 0.6666666666666666 (setosa split off, the rest one leaf).
        assertEquals(0.6666666666666666,
                LogisticRegressionNodeFactoryTest.accuracy(stump.predict(iris, TestContext.create()), iris), 1e-12);
    }

    @Test
    void treeRejectsContradictorySettingsAndANumericLabel() {
        Learner random = treeLearner(Map.of("randomSplitPoints", true));
        var e = assertThrows(InvalidInputException.class, () -> random.fit(Fixtures.iris(), IRIS, TestContext.create()));
        assertTrue(e.getMessage().startsWith("Random split points need 'Features per split' below 1"), e.getMessage());

        var numericLabel = new FitColumns("sepal_length", List.of("petal_length"));
        e = assertThrows(InvalidInputException.class, () -> treeLearner(Map.of()).configure(Fixtures.iris().spec(),
                numericLabel));
        assertTrue(e.getMessage().startsWith("Label column 'sepal_length' is double"), e.getMessage());
    }

    @Test
    void forestGeneralisesOnTheWorkflowSplit() {
        // scikit-learn 1.2.1 RandomForestClassifier(n_estimators=100, random_state=0) on the same split: 43/45.
        IrisSplits.Split split = IrisSplits.stratified(Fixtures.iris(), "class", 0.7, 42);
        Model model = forestLearner(Map.of()).fit(split.train(), IRIS, TestContext.create());
        Table out = model.predict(split.test(), TestContext.create());
        double acc = LogisticRegressionNodeFactoryTest.accuracy(out, split.test());
        assertTrue(acc >= 0.9, "held-out accuracy " + acc);
        for (int i = 0; i < out.rowCount(); i++) {
            double sum = 0;
            for (int k = 1; k <= 3; k++) {
                sum += ((DoubleColumn) out.column(k)).get(i);
            }
            assertEquals(1.0, sum, 1e-6);
        }
    }

    @Test
    void sameSeedSameForest() {
        Table iris = Fixtures.iris();
        double[] a = pVersicolor(forestLearner(Map.of("trees", 20, "seed", 5)).fit(iris, IRIS, TestContext.create()), iris);
        double[] b = pVersicolor(forestLearner(Map.of("trees", 20, "seed", 5)).fit(iris, IRIS, TestContext.create()), iris);
        double[] c = pVersicolor(forestLearner(Map.of("trees", 20, "seed", 6)).fit(iris, IRIS, TestContext.create()), iris);
        assertArrayEquals(a, b, 0.0);
        assertTrue(!java.util.Arrays.equals(a, c), "another seed, other bootstrap samples");
    }

    private static double[] pVersicolor(Model model, Table data) {
        return model.predict(data, TestContext.create()).doubleColumn("P(versicolor)").toArray();
    }

    @Test
    void forestReportsEachTreeAndCanBeCancelled() {
        TestContext ctx = TestContext.create();
        forestLearner(Map.of("trees", 7)).fit(Fixtures.iris(), IRIS, ctx);
        List<String> messages = ctx.progressEvents().stream().map(TestContext.ProgressEvent::message).toList();
        for (int t = 1; t <= 7; t++) {
            assertTrue(messages.contains("Tree " + t + " of 7"), messages.toString());
        }
        TestContext canceling = TestContext.create().cancelAfterProgressReports(4);
        assertThrows(CanceledException.class,
                () -> forestLearner(Map.of("trees", 1000)).fit(Fixtures.iris(), IRIS, canceling));
        // The preparation report and trees 1 to 3; the check before tree 4 stops the forest.
        assertEquals(4, canceling.progressEvents().size());
    }
}
