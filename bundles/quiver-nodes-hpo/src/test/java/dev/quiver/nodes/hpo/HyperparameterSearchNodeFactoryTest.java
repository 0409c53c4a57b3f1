package dev.quiver.nodes.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.LearnerSpec;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.HyperparameterSearchSettings;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.Strategy;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.Validation;
import dev.quiver.nodes.hpo.ParameterRange.Kind;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HyperparameterSearchNodeFactoryTest {
    static final HyperparameterSearchNodeFactory HPO =
            new HyperparameterSearchNodeFactory(List.of(new StubLearner.NodeFactoryStub()));
    static final NodeTester<HyperparameterSearchSettings> TESTER = NodeTester.of(HPO);
    static final Table DATA = StubLearner.data(2000);
    static final List<ParameterRange> C_GAMMA = List.of(ParameterRange.of("c", Kind.LOG, 1e-3, 1e3).withGridPoints(10),
            ParameterRange.of("gamma", Kind.LINEAR, 0, 1).withGridPoints(10));

    static StubLearner stub(Map<String, Object> overrides) {
        return (StubLearner) new StubLearner(StubLearner.defaults()).withSettings(overrides);
    }

    static HyperparameterSearchSettings settings(List<ParameterRange> parameters, Strategy strategy, int maxTrials,
            long seed, int parallelism) {
        return new HyperparameterSearchSettings(parameters, strategy, Metric.ACCURACY, Validation.K_FOLD, 2, 0.2,
                maxTrials, 0, parallelism, seed, "", List.of());
    }

    static Table trials(NodeResult r) {
        return (Table) r.outputs().get(2);
    }

    static double best(Table trials) {
        DoubleColumn acc = trials.doubleColumn("accuracy");
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < acc.size(); i++) {
            if (!acc.isMissing(i)) {
                best = Math.max(best, acc.get(i));
            }
        }
        return best;
    }

    /** Every cell but the timing, row by row, as text. */
    static List<String> rowsWithoutTime(Table t) {
        var rows = new ArrayList<String>();
        for (int i = 0; i < t.rowCount(); i++) {
            var sb = new StringBuilder();
            for (Column c : t.columns()) {
                if (!c.name().equals(HyperparameterSearchNodeFactory.SECONDS) && !c.name().equals("trial")) {
                    sb.append(c.format(i)).append('|');
                }
            }
            rows.add(sb.toString());
        }
        return rows;
    }

    @Test
    void configureReportsExactlyWhichParametersWillBeSearched() {
        LearnerSpec spec = new StubLearner(StubLearner.defaults()).spec();
        List<PortSpec> out = TESTER.configure(HPO.defaultSettings(), spec, DATA.spec(), null);
        assertEquals(spec, out.get(0));
        assertEquals(List.of("trial", "c", "gamma", "shape", "shrink", "accuracy", "accuracy std", "seconds", "status",
                "message"), ((TableSpec) out.get(2)).names());
        var sh = settings(List.of(), Strategy.SUCCESSIVE_HALVING, 10, 1, 1);
        assertTrue(((TableSpec) TESTER.configure(sh, spec, DATA.spec(), null).get(2)).contains("budget"));
        var unknown = settings(List.of(ParameterRange.named("gama")), Strategy.GRID, 10, 1, 1);
        assertThrows(InvalidInputException.class, () -> TESTER.configure(unknown, spec, DATA.spec(), null));
        var regression = new HyperparameterSearchSettings(List.of(), Strategy.GRID, Metric.RMSE, Validation.K_FOLD, 2,
                0.2, 10, 0, 1, 1, "", List.of());
        assertEquals("Metric RMSE scores regression, but Stub does classification. Choose a classification metric.",
                assertThrows(InvalidInputException.class, () -> TESTER.configure(regression, spec, DATA.spec(), null))
                        .getMessage());
    }

    @Test
    void bayesianComesWithinOnePercentOfTheGridWithAQuarterOfItsTrials() {
        var base = stub(Map.of());
        double grid = best(trials(TESTER.execute(settings(C_GAMMA, Strategy.GRID, 100, 7, 2), base, DATA, null)));
        assertEquals(100, trials(TESTER.execute(settings(C_GAMMA, Strategy.GRID, 100, 7, 2), base, DATA, null))
                .rowCount());
        double bayes = 0;
        double random = 0;
        int seeds = 5;
        for (long seed = 1; seed <= seeds; seed++) {
            bayes += best(trials(TESTER.execute(settings(C_GAMMA, Strategy.BAYESIAN, 25, seed, 1), base, DATA, null)))
                    / seeds;
            random += best(trials(TESTER.execute(settings(C_GAMMA, Strategy.RANDOM, 25, seed, 1), base, DATA, null)))
                    / seeds;
        }
        // Measured: grid 0.9655, Bayesian 0.9691, random 0.9388 (random misses the 1% bar: the optimum is narrow).
        assertTrue(bayes >= 0.99 * grid, "Bayesian " + bayes + " vs grid " + grid);
    }

    @Test
    void aFailingTrialIsRecordedWithItsMessageAndTheSearchGoesOn() {
        var params = List.of(ParameterRange.of("c", Kind.LOG, 100, 1000).withGridPoints(2),
                ParameterRange.of("gamma", Kind.LINEAR, 0.4, 1).withGridPoints(2));
        NodeResult r = TESTER.execute(settings(params, Strategy.GRID, 10, 1, 2), stub(Map.of()), DATA, null);
        Table t = trials(r);
        assertEquals(4, t.rowCount());
        StringColumn status = t.stringColumn("status");
        StringColumn message = t.stringColumn("message");
        assertEquals(List.of("ok", "ok", "ok", "failed"), List.of(status.get(0), status.get(1), status.get(2),
                status.get(3)));
        assertEquals("c = 1000.0 with gamma = 1.0 diverges. Lower c or gamma.", message.get(3));
        assertTrue(t.doubleColumn("accuracy").isMissing(3));
        Learner best = (Learner) r.outputs().get(0);
        assertEquals("100.0", best.spec().settings().get("c"));
        assertEquals("0.4", best.spec().settings().get("gamma"));
    }

    @Test
    void whenEveryTrialFailsTheErrorQuotesTheFirstMessage() {
        var params = List.of(ParameterRange.of("c", Kind.LOG, 400, 1000), ParameterRange.of("gamma", Kind.LINEAR, 0.95, 1));
        var e = assertThrows(InvalidInputException.class,
                () -> TESTER.execute(settings(params, Strategy.RANDOM, 3, 1, 1), stub(Map.of()), DATA, null));
        assertTrue(e.getMessage().startsWith("All 3 trials failed; the first with: c = "), e.getMessage());
    }

    @Test
    void cancellingStopsPromptlyAndThrows() {
        var slow = stub(Map.of("sleepMillis", 200));
        TestContext context = TestContext.create().cancelAfterProgressReports(2);
        long t0 = System.nanoTime();
        assertThrows(CanceledException.class,
                () -> TESTER.execute(settings(C_GAMMA, Strategy.RANDOM, 50, 1, 2), context, slow, DATA, null));
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Two trials of 2 folds × 0.2 s each finish before the cancel; the 48 others never start.
        assertTrue(seconds < 3, "took " + seconds + " s");
    }

    @Test
    void theTimeLimitKeepsTheFinishedTrialsWithAWarning() {
        var slow = stub(Map.of("sleepMillis", 100));
        TestContext context = TestContext.create();
        var s = new HyperparameterSearchSettings(C_GAMMA, Strategy.BAYESIAN, Metric.ACCURACY, Validation.K_FOLD, 2,
                0.2, 1000, 1.0, 2, 3, "", List.of());
        long t0 = System.nanoTime();
        NodeResult r = TESTER.execute(s, context, slow, DATA, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Table t = trials(r);
        assertTrue(seconds < 3, "took " + seconds + " s");
        assertTrue(t.rowCount() >= 2 && t.rowCount() < 20, t.rowCount() + " trials");
        assertEquals(1, context.warnings().size(), context.warnings().toString());
        assertTrue(context.warnings().get(0).startsWith("Time limit of 1 s reached after "));
        Set<String> statuses = new HashSet<>();
        for (int i = 0; i < t.rowCount(); i++) {
            statuses.add(t.stringColumn("status").get(i));
        }
        assertTrue(Set.of("ok", "cancelled").containsAll(statuses), statuses.toString());
        assertTrue(r.outputs().get(1) instanceof Model);
    }

    @Test
    void theSameSeedGivesTheSameTrials() {
        var base = stub(Map.of());
        for (Strategy strategy : Strategy.values()) {
            var s = settings(List.of(), strategy, 20, 11, 1);
            List<String> first = rowsWithoutTime(trials(TESTER.execute(s, base, DATA, null)));
            List<String> again = rowsWithoutTime(trials(TESTER.execute(s, base, DATA, null)));
            assertEquals(first, again, strategy.name());
            if (strategy == Strategy.GRID || strategy == Strategy.RANDOM) {
                // The points are drawn up front, so two trials at once give the same set (and here the same order).
                var parallel = settings(List.of(), strategy, 20, 11, 2);
                assertEquals(first, rowsWithoutTime(trials(TESTER.execute(parallel, base, DATA, null))), strategy.name());
            }
            var other = settings(List.of(), strategy, 20, 12, 1);
            if (strategy != Strategy.GRID) {
                assertFalse(first.equals(rowsWithoutTime(trials(TESTER.execute(other, base, DATA, null)))));
            }
        }
    }

    @Test
    void successiveHalvingRaisesTheBudgetSettingRungByRung() {
        var s = settings(C_GAMMA, Strategy.SUCCESSIVE_HALVING, 40, 5, 2);
        NodeResult r = TESTER.execute(s, stub(Map.of()), DATA, null);
        Table t = trials(r);
        // n0 = 27 settings at 100/27 → 4 epochs, 9 at 11, 3 at 33, 1 at 100: 40 trials.
        var budgets = new ArrayList<Double>();
        for (int i = 0; i < t.rowCount(); i++) {
            budgets.add(t.doubleColumn("budget").get(i));
        }
        assertEquals(40, t.rowCount());
        assertEquals(27, budgets.stream().filter(b -> b == 4).count());
        assertEquals(9, budgets.stream().filter(b -> b == 11).count());
        assertEquals(3, budgets.stream().filter(b -> b == 33).count());
        assertEquals(1, budgets.stream().filter(b -> b == 100).count());
        Learner best = (Learner) r.outputs().get(0);
        assertEquals("100", best.spec().settings().get("epochs"));
        // The one full-budget trial is the best of the 3 at 33 epochs, which were the best of their rung.
        DoubleColumn acc = t.doubleColumn("accuracy");
        double bestAt33 = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (budgets.get(i) == 33) {
                bestAt33 = Math.max(bestAt33, acc.get(i));
            }
        }
        assertTrue(acc.get(39) > bestAt33);
    }

    @Test
    void atExecutionTheLearnersOwnSettingsRecordGivesTheSpaceEvenWithoutItsNode() {
        var alone = new HyperparameterSearchNodeFactory(List.of());
        var s = settings(List.of(), Strategy.RANDOM, 3, 1, 1);
        var inputs = new dev.quiver.api.node.Ports<dev.quiver.api.port.PortObject>(alone.descriptor().inputs(),
                java.util.Arrays.asList(stub(Map.of()), DATA, null));
        Table t = trials(alone.execute(inputs, s, TestContext.create()));
        assertEquals(List.of("trial", "c", "gamma", "shape", "shrink", "accuracy", "accuracy std", "seconds", "status",
                "message"), t.spec().names());
    }
}
