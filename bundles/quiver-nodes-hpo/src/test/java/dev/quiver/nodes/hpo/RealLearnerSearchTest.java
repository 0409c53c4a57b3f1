package dev.quiver.nodes.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.HyperparameterSearchSettings;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.Strategy;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.Validation;
import dev.quiver.nodes.hpo.ParameterRange.Kind;
import dev.quiver.nodes.tribuo.LibLinearNodeFactory;
import dev.quiver.nodes.tribuo.RandomForestNodeFactory;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tribuo learners on breast cancer (569 rows, 30 features), with a transform refitted inside the folds. */
class RealLearnerSearchTest {
    static final HyperparameterSearchNodeFactory HPO = new HyperparameterSearchNodeFactory(SearchSpaceTest.TRIBUO);
    static final NodeTester<HyperparameterSearchSettings> TESTER = NodeTester.of(HPO);
    static final Table DATA = Fixtures.breastCancer();

    static double accuracy(Model model, Table data) {
        Table predicted = model.predict(data, TestContext.create());
        StringColumn p = predicted.stringColumn(ModelSpec.PREDICTION);
        StringColumn a = data.stringColumn("class");
        int right = 0;
        for (int i = 0; i < data.rowCount(); i++) {
            right += p.get(i).equals(a.get(i)) ? 1 : 0;
        }
        return (double) right / data.rowCount();
    }

    @Test
    void aRandomForestIsTunedWithTheTransformRefittedInEveryFoldAndShippedInsideTheModel() {
        Learner forest = SearchSpaceTest.defaultLearner(new RandomForestNodeFactory()).withSettings(Map.of("trees", 15));
        StandardizingTransform upstream = StandardizingTransform.fittedOn(DATA);
        var params = List.of(ParameterRange.of("maxDepth", Kind.INT_LOG, 2, 16),
                ParameterRange.of("featuresPerSplit", Kind.LINEAR, 0.1, 0.9));
        var s = new HyperparameterSearchSettings(params, Strategy.RANDOM, Metric.ACCURACY, Validation.K_FOLD, 3, 0.2,
                4, 0, 2, 42, "", List.of());
        NodeResult r = TESTER.execute(s, forest, DATA, upstream);
        Table trials = (Table) r.outputs().get(2);
        assertEquals(List.of("trial", "maxDepth", "featuresPerSplit", "accuracy", "accuracy std", "seconds", "status",
                "message"), trials.spec().names());
        assertEquals(4, trials.rowCount());
        DoubleColumn acc = trials.doubleColumn("accuracy");
        for (int i = 0; i < 4; i++) {
            assertEquals("ok", trials.stringColumn("status").get(i));
            assertTrue(acc.get(i) > 0.9 && acc.get(i) < 1, "accuracy " + acc.get(i));
        }
        // After the upstream fit: 4 trials × 3 training folds of ~379 rows, then one refit on all 569.
        List<Integer> fits = upstream.stepLearner().fittedRowCounts.subList(1, 14);
        assertEquals(13, fits.size());
        assertEquals(12, fits.stream().filter(n -> n >= 379 && n <= 380).count());
        assertEquals(569, fits.get(12));
        Model model = (Model) r.outputs().get(1);
        assertTrue(model instanceof dev.quiver.api.port.PipelineModel);
        assertTrue(accuracy(model, DATA) > 0.95);
        assertTrue(model.spec().provenance().get("pipeline").startsWith("Standardize → "),
                model.spec().provenance().toString());
        assertEquals(2, r.charts().size());
    }

    @Test
    void successiveHalvingWithoutABudgetSettingGrowsTheShareOfTrainingRows() {
        Learner liblinear = SearchSpaceTest.defaultLearner(new LibLinearNodeFactory());
        var s = new HyperparameterSearchSettings(List.of(ParameterRange.named("cost")), Strategy.SUCCESSIVE_HALVING,
                Metric.LOG_LOSS, Validation.HOLD_OUT, 5, 0.25, 13, 0, 1, 42, "", List.of());
        Table trials = (Table) TESTER.execute(s, liblinear, DATA, StandardizingTransform.fittedOn(DATA)).outputs()
                .get(2);
        assertEquals(List.of("trial", "cost", "budget", "log loss", "log loss std", "seconds", "status", "message"),
                trials.spec().names());
        DoubleColumn budget = trials.doubleColumn("budget");
        long ninth = 0;
        long third = 0;
        long all = 0;
        for (int i = 0; i < trials.rowCount(); i++) {
            double b = budget.get(i);
            ninth += Math.abs(b - 1.0 / 9) < 1e-12 ? 1 : 0;
            third += Math.abs(b - 1.0 / 3) < 1e-12 ? 1 : 0;
            all += b == 1 ? 1 : 0;
        }
        assertEquals(List.of(9L, 3L, 1L), List.of(ninth, third, all));
        assertTrue(trials.doubleColumn("log loss").get(12) < 0.2, "log loss " + trials.doubleColumn("log loss").get(12));
    }
}
