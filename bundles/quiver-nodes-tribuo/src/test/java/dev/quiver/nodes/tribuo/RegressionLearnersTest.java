package dev.quiver.nodes.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.Task;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.eval.CrossValidateNodeFactory;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RegressionLearnersTest {
    /** Petal width from the three other measurements. */
    private static final FitColumns PETAL_WIDTH = new FitColumns("petal_width",
            List.of("sepal_length", "sepal_width", "petal_length"));

    /** Iris with the three features z-scored (population sd) and petal_width left in centimetres. */
    private static Table zScoredFeatures() {
        Table iris = Fixtures.iris();
        return IrisSplits.zScore(new IrisSplits.Split(iris, iris)).train().withColumn(iris.column("petal_width"));
    }

    private static double r2(Table truth, Table predicted) {
        double[] y = truth.doubleColumn("petal_width").toArray();
        double[] p = predicted.doubleColumn("prediction").toArray();
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double se = 0;
        double tot = 0;
        for (int i = 0; i < y.length; i++) {
            se += (y[i] - p[i]) * (y[i] - p[i]);
            tot += (y[i] - mean) * (y[i] - mean);
        }
        return 1 - se / tot;
    }

    private static Learner linear(Map<String, ?> overrides) {
        return new LinearRegressionNodeFactory.Learner(
                Settings.with(new LinearRegressionNodeFactory().defaultSettings(), overrides));
    }

    @Test
    void learnerSpecsSayRegression() {
        for (var spec : List.of(new LinearRegressionNodeFactory().configure(null,
                new LinearRegressionNodeFactory().defaultSettings(), null).get(0),
                new RegressionTreeNodeFactory().configure(null, new RegressionTreeNodeFactory().defaultSettings(), null)
                        .get(0),
                new XGBoostRegressionNodeFactory().configure(null, new XGBoostNodeFactory().defaultSettings(), null)
                        .get(0))) {
            assertEquals(Task.REGRESSION, ((LearnerSpec) spec).task());
        }
    }

    @Test
    void linearRegressionConvergesToLeastSquares() {
        // Reference: scikit-learn 1.2.1 LinearRegression on the same z-scored features: training R²
        // 0.9378502736046809, predictions 0.21625189892792274 (row 0) and 2.3337492296275997 (row 100).
        Table data = zScoredFeatures();
        Model model = linear(Map.of("learningRate", 0.05, "epochs", 500)).fit(data, PETAL_WIDTH, TestContext.create());
        Table out = model.predict(data, TestContext.create());
        assertEquals(0.9378502736046809, r2(data, out), 1e-5);
        assertEquals(0.21625189892792274, out.doubleColumn("prediction").get(0), 2e-3);
        assertEquals(2.3337492296275997, out.doubleColumn("prediction").get(100), 2e-3);
        // The defaults get close to the optimum too.
        Table byDefault = linear(Map.of()).fit(data, PETAL_WIDTH, TestContext.create()).predict(data, TestContext.create());
        assertEquals(0.9378502736046809, r2(data, byDefault), 1e-3);
    }

    @Test
    void divergenceIsAClearError() {
        Learner wild = linear(Map.of("optimiser", "ADAM", "learningRate", 0.05, "minibatchSize", 10, "epochs", 500));
        var e = assertThrows(InvalidInputException.class,
                () -> wild.fit(zScoredFeatures(), PETAL_WIDTH, TestContext.create()));
        assertTrue(e.getMessage().startsWith("Training diverged in epoch "), e.getMessage());
        assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
    }

    @Test
    void regressionTreeMatchesScikitLearn() {
        // Reference: scikit-learn 1.2.1 DecisionTreeRegressor(max_depth=2, min_samples_leaf=5) on all of iris:
        // leaf means 0.195, 0.28, 1.3 and 1.9836363636…, training R² 0.921996327509327. Tribuo keeps leaf values
        // in single precision, hence the tolerance.
        Table iris = Fixtures.iris();
        Learner tree = new RegressionTreeNodeFactory.Learner(
                Settings.with(new RegressionTreeNodeFactory().defaultSettings(), Map.of("maxDepth", 2)));
        Table out = tree.fit(iris, PETAL_WIDTH, TestContext.create()).predict(iris, TestContext.create());
        var leaves = new TreeSet<Double>();
        for (int i = 0; i < out.rowCount(); i++) {
            leaves.add(Math.round(out.doubleColumn("prediction").get(i) * 1e6) / 1e6);
        }
        assertEquals(List.of(0.195, 0.28, 1.3, 1.983636), List.copyOf(leaves));
        assertEquals(0.921996327509327, r2(iris, out), 1e-6);
    }

    @Test
    void xgboostRegressionGeneralises() {
        IrisSplits.Split split = IrisSplits.stratified(Fixtures.iris(), "class", 0.7, 42);
        Learner xgb = new XGBoostRegressionNodeFactory.Learner(new XGBoostNodeFactory().defaultSettings());
        Model model = xgb.fit(split.train(), PETAL_WIDTH, TestContext.create());
        double heldOut = r2(split.test(), model.predict(split.test(), TestContext.create()));
        double train = r2(split.train(), model.predict(split.train(), TestContext.create()));
        // 100 trees of depth 6 on 105 rows fit the training rows almost exactly and generalise less well.
        assertTrue(heldOut >= 0.8, "held-out R² " + heldOut);
        assertTrue(train > 0.99 && train > heldOut, "training R² " + train);
    }

    @Test
    void nominalLabelIsRejected() {
        var columns = new FitColumns("class", List.of("sepal_length"));
        var e = assertThrows(InvalidInputException.class,
                () -> linear(Map.of()).configure(Fixtures.iris().spec(), columns));
        assertTrue(e.getMessage().startsWith("Label column 'class' is string; a regressor needs a numeric label."),
                e.getMessage());
    }

    @Test
    void crossValidatesThroughTheGenericNode() {
        var cv = NodeTester.of(new CrossValidateNodeFactory());
        var settings = cv.settings(Map.of("labelColumn", "petal_width",
                "featureColumns", List.of("sepal_length", "sepal_width", "petal_length")));
        NodeResult r = cv.execute(settings, new RegressionTreeNodeFactory.Learner(
                new RegressionTreeNodeFactory().defaultSettings()), Fixtures.iris(), null);
        Table summary = (Table) r.outputs().get(1);
        assertEquals("RMSE", summary.stringColumn("metric").get(0));
        double meanR2 = summary.doubleColumn("mean").get(2);
        assertTrue(meanR2 > 0.85, "cross-validated R² " + meanR2);
    }
}
