package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Linear SVM, Extra Trees, AdaBoost, naive Bayes and the factorization machine: contract, seeds, bad input. */
class NewLearnersTest {
    private static final FitColumns IRIS = new FitColumns("class", IrisSplits.FEATURES);

    static Stream<Arguments> seeded() {
        return Stream.of(
                Arguments.of(new LinearSvmNodeFactory(), "Linear SVM", Map.of()),
                Arguments.of(new ExtraTreesNodeFactory(), "Extra trees", Map.of("trees", 20)),
                Arguments.of(new AdaBoostNodeFactory(), "AdaBoost", Map.of("rounds", 20)),
                Arguments.of(new FactorizationMachineNodeFactory(), "Factorization machine", Map.of()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("seeded")
    <S extends Record> void configureNamesTheLearnerAndTheSameSeedGivesTheSameModel(NodeFactory<S> factory,
            String name, Map<String, ?> overrides) {
        NodeTester<S> tester = NodeTester.of(factory);
        LearnerSpec spec = (LearnerSpec) tester.configure(factory.defaultSettings()).get(0);
        assertEquals(name, spec.name());
        assertEquals(factory.descriptor().id(), spec.nodeTypeId());
        assertEquals("Learners", factory.descriptor().category());

        Table iris = Fixtures.iris();
        Learner learner = PersistenceTest.learner(factory, overrides);
        Table a = learner.fit(iris, IRIS, TestContext.create()).predict(iris, TestContext.create());
        Table b = learner.fit(iris, IRIS, TestContext.create()).predict(iris, TestContext.create());
        PersistenceTest.assertSamePredictions(a, b);
        assertTrue(LogisticRegressionNodeFactoryTest.accuracy(a, iris) > 0.9, name);
        assertEquals("42", learner.fit(iris, IRIS, TestContext.create()).spec().provenance().get("seed"));
    }

    @Test
    void otherSeedsGiveOtherForests() {
        Table iris = Fixtures.iris();
        Table a = PersistenceTest.learner(new ExtraTreesNodeFactory(), Map.of("trees", 5, "seed", 1L))
                .fit(iris, IRIS, TestContext.create()).predict(iris, TestContext.create());
        Table b = PersistenceTest.learner(new ExtraTreesNodeFactory(), Map.of("trees", 5, "seed", 2L))
                .fit(iris, IRIS, TestContext.create()).predict(iris, TestContext.create());
        boolean differ = false;
        for (int i = 0; i < iris.rowCount() && !differ; i++) {
            differ = a.doubleColumn("P(versicolor)").get(i) != b.doubleColumn("P(versicolor)").get(i);
        }
        assertTrue(differ, "seeds 1 and 2 grew identical extra trees");
    }

    @Test
    void linearSvmGivesNoProbabilities() {
        Table iris = Fixtures.iris();
        Table out = PersistenceTest.learner(new LinearSvmNodeFactory(), Map.of()).fit(iris, IRIS, TestContext.create())
                .predict(iris, TestContext.create());
        for (int i = 0; i < iris.rowCount(); i++) {
            double sum = out.doubleColumn("P(setosa)").get(i) + out.doubleColumn("P(versicolor)").get(i)
                    + out.doubleColumn("P(virginica)").get(i);
            assertEquals(1.0, sum, 0.0);
            assertEquals(1.0, out.doubleColumn("P(" + out.stringColumn("prediction").get(i) + ")").get(i), 0.0);
        }
    }

    @Test
    void adaBoostVotesSumToOne() {
        Table iris = Fixtures.iris();
        Model model = PersistenceTest.learner(new AdaBoostNodeFactory(), Map.of("rounds", 10)).fit(iris, IRIS,
                TestContext.create());
        Table out = model.predict(iris, TestContext.create());
        for (int i = 0; i < iris.rowCount(); i++) {
            double sum = out.doubleColumn("P(setosa)").get(i) + out.doubleColumn("P(versicolor)").get(i)
                    + out.doubleColumn("P(virginica)").get(i);
            assertEquals(1.0, sum, 1e-9);
        }
    }

    @Test
    void naiveBayesRefusesNegativeValuesWithAClearMessage() {
        Table iris = Fixtures.iris();
        Learner nb = PersistenceTest.learner(new NaiveBayesNodeFactory(), Map.of());
        double[] shifted = new double[iris.rowCount()];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = iris.doubleColumn("sepal_width").get(i) - 3;
        }
        Table negative = iris.withColumn(dev.quiver.api.table.DoubleColumn.of(iris.column("sepal_width").spec(), shifted));
        var e = assertThrows(InvalidInputException.class, () -> nb.fit(negative, IRIS, TestContext.create()));
        assertTrue(e.getMessage().startsWith("Feature 'sepal_width' is -0.1"), e.getMessage());
        assertTrue(e.getMessage().contains(" in training row 9; multinomial naive Bayes needs non-negative values"),
                e.getMessage());

        Model model = nb.fit(iris, IRIS, TestContext.create());
        e = assertThrows(InvalidInputException.class, () -> model.predict(negative, TestContext.create()));
        assertTrue(e.getMessage().startsWith("Multinomial naive Bayes cannot predict these rows"), e.getMessage());
        // Raw iris measurements are non-negative: counts-like enough for a sane fit.
        assertTrue(LogisticRegressionNodeFactoryTest.accuracy(model.predict(iris, TestContext.create()), iris) > 0.9);
    }

    @Test
    void outOfRangeSettingsAreRefused() {
        var tester = NodeTester.of(new ExtraTreesNodeFactory());
        assertThrows(RuntimeException.class, () -> new ExtraTreesNodeFactory.Learner(
                tester.settings(Map.of("featuresPerSplit", 1.0))));
        var nb = NodeTester.of(new NaiveBayesNodeFactory());
        assertThrows(RuntimeException.class, () -> new NaiveBayesNodeFactory.Learner(nb.settings(Map.of("alpha", 0.0))));
    }

    @Test
    void extraTreesStopWhenCanceled() {
        var context = TestContext.create();
        context.cancel();
        Learner learner = PersistenceTest.learner(new ExtraTreesNodeFactory(), Map.of());
        assertThrows(CanceledException.class, () -> learner.fit(Fixtures.iris(), IRIS, context));
        assertNotEquals(null, learner.settingsRecord().orElse(null));
    }
}
