package dev.quiver.nodes.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.HyperparameterSearchSettings;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.Strategy;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.Validation;
import dev.quiver.nodes.hpo.ParameterRange.Kind;
import dev.quiver.nodes.tribuo.RandomForestNodeFactory;
import dev.quiver.nodes.tribuo.SvmNodeFactory;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two searches of examples/tuning/tuning.quiver.json with the same settings. The Normalizer
 * (Z_SCORE, population std) lives in another bundle; {@link StandardizingTransform} computes the same
 * z-scores. The reference figures come from scikit-learn 1.2.1 on the same data (see the README).
 */
class TuningExampleTest {
    static final HyperparameterSearchNodeFactory HPO = new HyperparameterSearchNodeFactory(SearchSpaceTest.TRIBUO);
    static final NodeTester<HyperparameterSearchSettings> TESTER = NodeTester.of(HPO);
    static final Table DATA = Fixtures.breastCancer();

    static HyperparameterSearchSettings workflowSettings(List<ParameterRange> params, int trials, int folds) {
        return new HyperparameterSearchSettings(params, Strategy.BAYESIAN, Metric.ACCURACY, Validation.K_FOLD, folds,
                0.2, trials, 0, 0, 42, "class", List.of());
    }

    static int bestRow(Table trials) {
        DoubleColumn acc = trials.doubleColumn("accuracy");
        int best = -1;
        for (int i = 0; i < acc.size(); i++) {
            if (!acc.isMissing(i) && (best < 0 || acc.get(i) > acc.get(best))) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void theRbfSvmSearchFindsCrossValidatedAccuracyNearScikitLearnsGridSearch() {
        Learner svm = SearchSpaceTest.defaultLearner(new SvmNodeFactory()).withSettings(Map.of("probabilities", false));
        var params = List.of(ParameterRange.of("cost", Kind.LOG, 0.01, 1000), ParameterRange.of("gamma", Kind.LOG, 1e-4, 1));
        NodeResult r = TESTER.execute(workflowSettings(params, 30, 5), svm, DATA, StandardizingTransform.fittedOn(DATA));
        Table trials = (Table) r.outputs().get(2);
        int b = bestRow(trials);
        double best = trials.doubleColumn("accuracy").get(b);
        System.out.printf(Locale.ROOT, "SVM: best 5-fold accuracy %.4f ± %.4f at C = %.4g, gamma = %.4g (trial %d of %d)%n",
                best, trials.doubleColumn("accuracy std").get(b), trials.doubleColumn("cost").get(b),
                trials.doubleColumn("gamma").get(b), b + 1, trials.rowCount());
        assertEquals(30, trials.rowCount());
        // scikit-learn's GridSearchCV over the same box (10 × 10 log grid, StandardScaler in the pipeline,
        // StratifiedKFold(5, shuffle, 42)): 0.9824 at C = 6.0, gamma = 0.017. The folds differ, so only the neighbourhood is pinned.
        assertTrue(best > 0.97 && best < 0.99, "best " + best);
        Model model = (Model) r.outputs().get(1);
        assertTrue(RealLearnerSearchTest.accuracy(model, DATA) > 0.97);
    }

    @Test
    void theRandomForestSearchFindsCrossValidatedAccuracyNearScikitLearns() {
        Learner forest = SearchSpaceTest.defaultLearner(new RandomForestNodeFactory()).withSettings(Map.of("trees", 50));
        var params = List.of(ParameterRange.of("maxDepth", Kind.INT_LOG, 1, 32),
                ParameterRange.of("featuresPerSplit", Kind.LINEAR, 0.05, 0.95));
        NodeResult r = TESTER.execute(workflowSettings(params, 16, 3), forest, DATA,
                StandardizingTransform.fittedOn(DATA));
        Table trials = (Table) r.outputs().get(2);
        int b = bestRow(trials);
        double best = trials.doubleColumn("accuracy").get(b);
        System.out.printf(Locale.ROOT, "Forest: best 3-fold accuracy %.4f ± %.4f at maxDepth = %d, featuresPerSplit ="
                + " %.3f (trial %d of %d)%n", best, trials.doubleColumn("accuracy std").get(b),
                trials.column("maxDepth").getDouble(b) > 0 ? (long) trials.column("maxDepth").getDouble(b) : -1,
                trials.doubleColumn("featuresPerSplit").get(b), b + 1, trials.rowCount());
        assertEquals(16, trials.rowCount());
        // scikit-learn's RandomForestClassifier(50 trees), 6 × 5 grid over the same box, 3-fold: 0.9596.
        assertTrue(best > 0.94 && best < 0.98, "best " + best);
    }
}
