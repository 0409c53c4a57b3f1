package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.tribuo.NearestNeighboursNodeFactory.NearestNeighboursSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NearestNeighboursNodeFactoryTest {
    private static final FitColumns IRIS = new FitColumns("class", IrisSplits.FEATURES);
    private final NodeTester<NearestNeighboursSettings> tester = NodeTester.of(new NearestNeighboursNodeFactory());

    private Learner learner(Map<String, ?> overrides) {
        return (Learner) tester.execute(tester.settings(overrides)).outputs().get(0);
    }

    @Test
    void configureGivesALearnerSpec() {
        LearnerSpec spec = (LearnerSpec) tester.configure(new NearestNeighboursNodeFactory().defaultSettings()).get(0);
        assertEquals("k-nearest neighbours", spec.name());
        assertEquals("5", spec.settings().get("k"));
    }

    @Test
    void votesMatchScikitLearn() {
        // Reference: scikit-learn 1.2.1 KNeighborsClassifier(n_neighbors=5, algorithm="brute", metric=...) on the
        // workflow's split (Partition seed 42, z-scored with the training rows): accuracy and, per test row in
        // order, 5 × predict_proba for versicolor (the number of versicolor votes among the 5 neighbours).
        IrisSplits.Split split = IrisSplits.zScore(IrisSplits.stratified(Fixtures.iris(), "class", 0.7, 42));
        Map<String, Object[]> expected = Map.of(
                "EUCLIDEAN", new Object[] {0.9333333333333333, "000000000000000455555531525555000000000030002"},
                "MANHATTAN", new Object[] {0.9333333333333333, "000000000000000455545521545555000001010030002"},
                "COSINE", new Object[] {0.8888888888888888, "000000000000000355453202244544220002120031001"});
        for (var e : expected.entrySet()) {
            Model model = learner(Map.of("metric", e.getKey())).fit(split.train(), IRIS, TestContext.create());
            Table out = model.predict(split.test(), TestContext.create());
            assertEquals((double) e.getValue()[0], LogisticRegressionNodeFactoryTest.accuracy(out, split.test()), 1e-12,
                    e.getKey());
            var votes = new StringBuilder();
            for (int i = 0; i < out.rowCount(); i++) {
                votes.append(Math.round(out.doubleColumn("P(versicolor)").get(i) * 5));
            }
            assertEquals(e.getValue()[1], votes.toString(), e.getKey());
        }
    }

    @Test
    void kLargerThanTheTrainingRowsIsRejected() {
        Table few = Fixtures.iris().rows(new int[] {0, 1, 2, 50, 51, 52});
        var e = assertThrows(InvalidInputException.class,
                () -> learner(Map.of("k", 7)).fit(few, IRIS, TestContext.create()));
        assertEquals("Neighbours k is 7, but there are only 6 training rows. Lower 'Neighbours k' to at most 6.",
                e.getMessage());
    }
}
