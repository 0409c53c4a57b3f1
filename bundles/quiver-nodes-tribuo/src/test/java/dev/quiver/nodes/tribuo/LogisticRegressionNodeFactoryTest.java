package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.tribuo.LogisticRegressionNodeFactory.LogisticRegressionSettings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogisticRegressionNodeFactoryTest {
    private static final FitColumns IRIS = new FitColumns("class", IrisSplits.FEATURES);
    private final NodeTester<LogisticRegressionSettings> tester = NodeTester.of(new LogisticRegressionNodeFactory());
    private final LogisticRegressionSettings defaults = new LogisticRegressionNodeFactory().defaultSettings();

    private Learner learner(Map<String, ?> overrides) {
        return (Learner) tester.execute(tester.settings(overrides)).outputs().get(0);
    }

    static double accuracy(Table predicted, Table truth) {
        int correct = 0;
        for (int i = 0; i < truth.rowCount(); i++) {
            if (predicted.stringColumn("prediction").get(i).equals(truth.stringColumn("class").get(i))) {
                correct++;
            }
        }
        return (double) correct / truth.rowCount();
    }

    @Test
    void configureGivesALearnerSpecWithTheSettings() {
        List<PortSpec> out = tester.configure(defaults);
        LearnerSpec spec = (LearnerSpec) out.get(0);
        assertEquals("Logistic regression", spec.name());
        assertEquals(Task.CLASSIFICATION, spec.task());
        assertEquals(LogisticRegressionNodeFactory.ID, spec.nodeTypeId());
        assertEquals("ADAGRAD", spec.settings().get("optimiser"));
        assertEquals("20", spec.settings().get("epochs"));
    }

    @Test
    void reachesNinetyPercentOnHeldOutIrisAcrossStratifiedSplits() {
        // Held-out accuracy on 45 iris rows moves with the split: some splits put most of the overlapping
        // versicolor/virginica rows into the test part. Split seed 13 gives 40 of 45 here, and scikit-learn
        // 1.2.1's LogisticRegression (lbfgs, C = 1 or 100) on the same z-scored rows also gets 40 of 45.
        // So the test asks for a high mean and >= 0.9 on nearly every split.
        Learner lr = learner(Map.of());
        Table iris = Fixtures.iris();
        double sum = 0;
        int atLeastNinety = 0;
        for (long seed = 1; seed <= 20; seed++) {
            IrisSplits.Split split = IrisSplits.zScore(IrisSplits.stratified(iris, "class", 0.7, seed));
            assertEquals(105, split.train().rowCount());
            Model model = lr.fit(split.train(), IRIS, TestContext.create());
            double acc = accuracy(model.predict(split.test(), TestContext.create()), split.test());
            assertTrue(acc >= 0.85, "held-out accuracy " + acc + " for split seed " + seed);
            sum += acc;
            atLeastNinety += acc >= 0.9 ? 1 : 0;
        }
        assertTrue(sum / 20 >= 0.95, "mean held-out accuracy " + sum / 20);
        assertTrue(atLeastNinety >= 18, atLeastNinety + " of 20 splits reached 0.9");
    }

    @Test
    void predictsAProbabilityPerClassThatSumsToOne() {
        Model model = learner(Map.of()).fit(Fixtures.iris(), IRIS, TestContext.create());
        Table out = model.predict(Fixtures.iris(), TestContext.create());
        assertEquals(List.of("prediction", "P(setosa)", "P(versicolor)", "P(virginica)"), out.spec().names());
        for (int i = 0; i < out.rowCount(); i++) {
            double sum = 0;
            double best = -1;
            String argmax = null;
            for (String c : model.spec().classes()) {
                double p = out.doubleColumn(ModelSpec.probabilityColumn(c)).get(i);
                assertTrue(p >= 0 && p <= 1);
                sum += p;
                if (p > best) {
                    best = p;
                    argmax = c;
                }
            }
            assertEquals(1.0, sum, 1e-9);
            assertEquals(argmax, out.stringColumn("prediction").get(i));
        }
        Map<String, String> provenance = model.spec().provenance();
        assertEquals("Tribuo 4.3.2", provenance.get("library"));
        assertEquals("42", provenance.get("seed"));
        assertEquals("150", provenance.get("trainingRows"));
        assertEquals("ADAGRAD", provenance.get("setting.optimiser"));
    }

    @Test
    void sameSeedSameProbabilitiesOtherSeedOtherModel() {
        Table iris = Fixtures.iris();
        double[] a = probabilities(learner(Map.of("seed", 7)).fit(iris, IRIS, TestContext.create()), iris);
        double[] b = probabilities(learner(Map.of("seed", 7)).fit(iris, IRIS, TestContext.create()), iris);
        double[] c = probabilities(learner(Map.of("seed", 8)).fit(iris, IRIS, TestContext.create()), iris);
        assertArrayEquals(a, b, 0.0);
        assertFalse(java.util.Arrays.equals(a, c), "the seed orders the rows, so another seed gives another model");
    }

    private static double[] probabilities(Model model, Table data) {
        Table out = model.predict(data, TestContext.create());
        double[] all = new double[data.rowCount() * 3];
        for (int k = 0; k < 3; k++) {
            double[] col = ((DoubleColumn) out.column(k + 1)).toArray();
            System.arraycopy(col, 0, all, k * data.rowCount(), col.length);
        }
        return all;
    }

    @Test
    void nominalFeatureIsRejectedWithTheFix() {
        Table iris = Fixtures.iris();
        String[] colour = new String[iris.rowCount()];
        java.util.Arrays.fill(colour, "blue");
        Table withNominal = iris.withColumn(StringColumn.of(new ColumnSpec("colour", ColumnType.STRING),
                java.util.Arrays.asList(colour)));
        var columns = new FitColumns("class", List.of("sepal_length", "colour"));
        Learner lr = learner(Map.of());
        var e = assertThrows(InvalidInputException.class, () -> lr.configure(withNominal.spec(), columns));
        assertEquals("Feature 'colour' is nominal; add a One-Hot Encoder before this learner.", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> lr.fit(withNominal, columns, TestContext.create()));
        assertEquals("Feature 'colour' is nominal; add a One-Hot Encoder before this learner.", e.getMessage());
    }

    @Test
    void missingValueIsRejectedNamingTheColumn() {
        Learner lr = learner(Map.of());
        var e = assertThrows(InvalidInputException.class,
                () -> lr.fit(Fixtures.irisMissing(), IRIS, TestContext.create()));
        assertTrue(e.getMessage().matches("Column '\\w+' has a missing value in row \\d+\\. Add a Missing Values node.*"),
                e.getMessage());
    }

    @Test
    void numericLabelIsRejected() {
        Learner lr = learner(Map.of());
        var columns = new FitColumns("petal_width", List.of("sepal_length"));
        var e = assertThrows(InvalidInputException.class, () -> lr.configure(Fixtures.iris().spec(), columns));
        assertTrue(e.getMessage().startsWith("Label column 'petal_width' is double; a classifier needs a nominal label."),
                e.getMessage());
    }

    @Test
    void reportsEachEpochAndCanBeCancelled() {
        Table iris = Fixtures.iris();
        TestContext ctx = TestContext.create();
        learner(Map.of("epochs", 5)).fit(iris, IRIS, ctx);
        List<String> messages = ctx.progressEvents().stream().map(TestContext.ProgressEvent::message).toList();
        for (int e = 1; e <= 5; e++) {
            assertTrue(messages.contains("Epoch " + e + " of 5"), messages.toString());
        }

        TestContext canceling = TestContext.create().cancelAfterProgressReports(3);
        assertThrows(CanceledException.class, () -> learner(Map.of("epochs", 1000)).fit(iris, IRIS, canceling));
        // Progress: the preparation report, then epochs 1 and 2; the check after epoch 2 stops the loop.
        assertEquals(3, canceling.progressEvents().size());
    }

    @Test
    void l2PenaltyShrinksTheWeights() {
        Table iris = IrisSplits.zScore(IrisSplits.stratified(Fixtures.iris(), "class", 0.7, 1)).train();
        double free = weightNorm(learner(Map.of("l2", 0.0)).fit(iris, IRIS, TestContext.create()));
        double small = weightNorm(learner(Map.of("l2", 0.001)).fit(iris, IRIS, TestContext.create()));
        double strong = weightNorm(learner(Map.of("l2", 0.1)).fit(iris, IRIS, TestContext.create()));
        assertTrue(small < free, small + " < " + free);
        assertTrue(strong < small / 2, strong + " < " + small + " / 2");
    }

    private static double weightNorm(Model model) {
        Map<String, Map<String, Double>> coefficients = ((LinearClassifier) model).coefficients();
        assertEquals(List.of("setosa", "versicolor", "virginica"), new ArrayList<>(coefficients.keySet()));
        double sum = 0;
        for (Map<String, Double> perFeature : coefficients.values()) {
            assertEquals(5, perFeature.size(), "four weights and the intercept");
            for (var e : perFeature.entrySet()) {
                if (!e.getKey().equals("(intercept)")) {
                    sum += e.getValue() * e.getValue();
                }
            }
        }
        return Math.sqrt(sum);
    }

    @Test
    void classAbsentFromTrainingRowsGetsProbabilityZero() {
        Table iris = Fixtures.iris();
        int[] notVirginica = new int[100];
        for (int i = 0; i < 100; i++) {
            notVirginica[i] = i;
        }
        Table twoClasses = iris.rows(notVirginica);
        assertEquals(3, twoClasses.stringColumn("class").domain().size(), "the domain survives the row subset");
        Model model = learner(Map.of()).fit(twoClasses, IRIS, TestContext.create());
        assertEquals(List.of("setosa", "versicolor", "virginica"), model.spec().classes());
        Table out = model.predict(iris, TestContext.create());
        for (int i = 0; i < iris.rowCount(); i++) {
            assertEquals(0.0, out.doubleColumn("P(virginica)").get(i));
            assertNotEquals("virginica", out.stringColumn("prediction").get(i));
        }
    }

    @Test
    void withSettingsMakesATunedCopy() {
        Learner lr = learner(Map.of());
        Learner tuned = lr.withSettings(Map.of("learningRate", 0.5, "optimiser", "adam"));
        assertEquals("0.5", tuned.spec().settings().get("learningRate"));
        assertEquals("ADAM", tuned.spec().settings().get("optimiser"));
        assertEquals("1.0", lr.spec().settings().get("learningRate"));
        var e = assertThrows(InvalidInputException.class, () -> lr.withSettings(Map.of("epochs", 0)));
        assertTrue(e.getMessage().startsWith("Setting 'Epochs' is 0, but must be between 1 and 100000."), e.getMessage());
    }

    @Test
    void everyOptimiserLearnsIris() {
        Table iris = Fixtures.iris();
        IrisSplits.Split split = IrisSplits.zScore(IrisSplits.stratified(iris, "class", 0.7, 3));
        Map<String, Double> rates = Map.of("SGD", 0.1, "MOMENTUM", 0.01, "ADAGRAD", 1.0, "RMSPROP", 0.01, "ADAM", 0.01);
        for (var e : rates.entrySet()) {
            Model model = learner(Map.of("optimiser", e.getKey(), "learningRate", e.getValue(), "epochs", 50))
                    .fit(split.train(), IRIS, TestContext.create());
            double acc = accuracy(model.predict(split.test(), TestContext.create()), split.test());
            assertTrue(acc >= 0.85, e.getKey() + " reached only " + acc);
        }
    }
}
