package dev.quiver.nodes.hpo.bench;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.HyperparameterSearchSettings;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.Strategy;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.Validation;
import dev.quiver.nodes.hpo.Metric;
import dev.quiver.nodes.hpo.ParameterRange;
import dev.quiver.nodes.hpo.ParameterRange.Kind;
import dev.quiver.nodes.hpo.StandardizingTransform;
import dev.quiver.nodes.hpo.StubLearner;
import dev.quiver.nodes.tribuo.RandomForestNodeFactory;
import dev.quiver.nodes.tribuo.SvmNodeFactory;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two tables, not a test. (1) Trials per second of one search with 1 and 2 trials at once (goal:
 * ≥ 1.8× on 2 free cores). (2) How many trials each strategy needs to reach 99% of the best
 * score the 10 × 10 grid finds, for an RBF SVM on breast cancer (C and γ on log scales, z-scoring
 * refitted in each of 3 folds), averaged over seeds. Run with
 * {@code mvn -B -o -pl bundles/quiver-nodes-hpo -Pbench test-compile exec:java}; argument
 * {@code --quick} uses fewer seeds.
 */
public final class HpoBenchmark {
    private static final Table DATA = Fixtures.breastCancer();

    private HpoBenchmark() {
    }

    public static void main(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        System.out.printf(Locale.ROOT, "breast cancer: %d rows × %d columns; %d processors; Java %s%n%n",
                DATA.rowCount(), DATA.columnCount(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        throughput(quick);
        System.out.println();
        trialsToNinetyNinePercent(quick ? 3 : 5);
        System.out.println();
        syntheticOptimum(quick ? 5 : 20);
    }

    /**
     * The same count on the test suite's synthetic learner, whose accuracy peaks sharply at a known
     * point (log10 C = 1.32, γ = 0.37): here the model-based search shows its advantage.
     */
    private static void syntheticOptimum(int seeds) {
        var hpo = new HyperparameterSearchNodeFactory(List.of(new StubLearner.NodeFactoryStub()));
        Learner stub = new StubLearner(StubLearner.defaults());
        Table data = StubLearner.data(2000);
        var params = List.of(ParameterRange.of("c", Kind.LOG, 1e-3, 1e3).withGridPoints(10),
                ParameterRange.of("gamma", Kind.LINEAR, 0, 1).withGridPoints(10));
        Table grid = runOn(hpo, settings(params, Strategy.GRID, 100, 1, 1), stub, data);
        double target = 0.99 * best(grid);
        System.out.printf(Locale.ROOT, "Synthetic learner (peak 0.97): trials to reach 99%% of the grid's best %.4f"
                + " (target %.4f)%n", best(grid), target);
        System.out.println("| strategy           | budget | mean trials to 99% | reached | mean best | seeds |");
        System.out.println("|--------------------|-------:|-------------------:|--------:|----------:|------:|");
        System.out.printf(Locale.ROOT, "| %-18s | %6d | %18d | %7s | %9.4f | %5d |%n", "GRID (row order)", 100,
                trialsToReach(grid, target), "1/1", best(grid), 1);
        for (Strategy strategy : List.of(Strategy.RANDOM, Strategy.BAYESIAN, Strategy.SUCCESSIVE_HALVING)) {
            int budget = strategy == Strategy.SUCCESSIVE_HALVING ? 50 : 25;
            double sumTrials = 0;
            double sumBest = 0;
            int reached = 0;
            for (long seed = 1; seed <= seeds; seed++) {
                Table t = runOn(hpo, settings(params, strategy, budget, seed, 1), stub, data);
                int n = trialsToReachAtFullBudget(t, target, 100);
                if (n > 0) {
                    reached++;
                    sumTrials += n;
                }
                sumBest += best(t);
            }
            System.out.printf(Locale.ROOT, "| %-18s | %6d | %18s | %7s | %9.4f | %5d |%n", strategy, budget,
                    reached == 0 ? "—" : String.format(Locale.ROOT, "%.1f", sumTrials / reached), reached + "/" + seeds,
                    sumBest / seeds, seeds);
        }
    }

    static int trialsToReachAtFullBudget(Table trials, double target, double fullBudget) {
        DoubleColumn acc = trials.doubleColumn("accuracy");
        StringColumn status = trials.stringColumn("status");
        DoubleColumn budget = trials.spec().contains("budget") ? trials.doubleColumn("budget") : null;
        for (int i = 0; i < trials.rowCount(); i++) {
            boolean full = budget == null || budget.get(i) == fullBudget;
            if ("ok".equals(status.get(i)) && full && acc.get(i) >= target) {
                return i + 1;
            }
        }
        return -1;
    }

    static Table runOn(HyperparameterSearchNodeFactory hpo, HyperparameterSearchSettings s, Learner learner,
            Table data) {
        var inputs = new ArrayList<PortObject>(List.of(learner, data));
        inputs.add(null);
        NodeResult r = hpo.execute(new Ports<>(hpo.descriptor().inputs(), inputs), s, TestContext.create());
        return (Table) r.outputs().get(2);
    }

    static <S extends Record> Learner learner(NodeFactory<S> f, Map<String, Object> overrides) {
        Learner l = (Learner) f.execute(new Ports<PortObject>(f.descriptor().inputs(), List.of()), f.defaultSettings(),
                TestContext.create()).outputs().get(0);
        return overrides.isEmpty() ? l : l.withSettings(overrides);
    }

    static HyperparameterSearchSettings settings(List<ParameterRange> params, Strategy strategy, int trials,
            long seed, int parallelism) {
        return new HyperparameterSearchSettings(params, strategy, Metric.ACCURACY, Validation.K_FOLD, 3, 0.2, trials,
                0, parallelism, seed, "", List.of());
    }

    static Table run(HyperparameterSearchNodeFactory hpo, HyperparameterSearchSettings s, Learner learner,
            Transform transform) {
        var inputs = new ArrayList<PortObject>(List.of(learner, DATA));
        inputs.add(transform);
        NodeResult r = hpo.execute(new Ports<>(hpo.descriptor().inputs(), inputs), s, TestContext.create());
        return (Table) r.outputs().get(2);
    }

    private static void throughput(boolean quick) {
        var hpo = new HyperparameterSearchNodeFactory(List.of(new RandomForestNodeFactory(), new SvmNodeFactory()));
        Transform z = StandardizingTransform.fittedOn(DATA);
        int trials = quick ? 8 : 16;
        record Case(String name, Learner learner, List<ParameterRange> params) {
        }
        var cases = List.of(
                new Case("random forest, 30 trees", learner(new RandomForestNodeFactory(), Map.of("trees", 30)),
                        List.of(ParameterRange.of("maxDepth", Kind.INT_LOG, 2, 32),
                                ParameterRange.of("featuresPerSplit", Kind.LINEAR, 0.1, 0.9))),
                new Case("RBF SVM", learner(new SvmNodeFactory(), Map.of("probabilities", false)),
                        List.of(ParameterRange.of("cost", Kind.LOG, 0.01, 1000),
                                ParameterRange.of("gamma", Kind.LOG, 1e-4, 1))));
        System.out.println("Throughput: RANDOM search, " + trials + " trials × 3 folds, z-scoring refitted per fold");
        System.out.println("| learner                  | parallelism | seconds | trials/s | speed-up |");
        System.out.println("|--------------------------|------------:|--------:|---------:|---------:|");
        for (Case c : cases) {
            run(hpo, settings(c.params(), Strategy.RANDOM, 4, 99, 2), c.learner(), z); // warm-up
            double base = 0;
            for (int p : new int[] {1, 2}) {
                long t0 = System.nanoTime();
                run(hpo, settings(c.params(), Strategy.RANDOM, trials, 7, p), c.learner(), z);
                double s = (System.nanoTime() - t0) / 1e9;
                if (p == 1) {
                    base = s;
                }
                System.out.printf(Locale.ROOT, "| %-24s | %11d | %7.2f | %8.2f | %7.2f× |%n", c.name(), p, s,
                        trials / s, base / s);
            }
        }
        sleepingThroughput(trials);
        System.out.printf(Locale.ROOT, "(load average when done: %.1f on %d processors)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * The same measurement with a learner that only sleeps (40 ms per fit): it needs no CPU, so it
     * shows what the scheduling itself achieves when the machine's cores are busy with other work.
     */
    private static void sleepingThroughput(int trials) {
        var hpo = new HyperparameterSearchNodeFactory(List.of(new StubLearner.NodeFactoryStub()));
        Learner sleeper = new StubLearner(StubLearner.defaults()).withSettings(Map.of("sleepMillis", 40));
        Table data = StubLearner.data(200);
        var params = List.of(ParameterRange.named("c"), ParameterRange.named("gamma"));
        double base = 0;
        for (int p : new int[] {1, 2}) {
            long t0 = System.nanoTime();
            runOn(hpo, settings(params, Strategy.RANDOM, trials, 7, p), sleeper, data);
            double s = (System.nanoTime() - t0) / 1e9;
            base = p == 1 ? s : base;
            System.out.printf(Locale.ROOT, "| %-24s | %11d | %7.2f | %8.2f | %7.2f× |%n", "sleeping stub, 40 ms/fit", p,
                    s, trials / s, base / s);
        }
    }

    /** The 1-based index of the first ok trial (at the full budget) whose score reaches {@code target}. */
    static int trialsToReach(Table trials, double target) {
        DoubleColumn acc = trials.doubleColumn("accuracy");
        StringColumn status = trials.stringColumn("status");
        DoubleColumn budget = trials.spec().contains("budget") ? trials.doubleColumn("budget") : null;
        for (int i = 0; i < trials.rowCount(); i++) {
            boolean full = budget == null || budget.get(i) == 1;
            if ("ok".equals(status.get(i)) && full && acc.get(i) >= target) {
                return i + 1;
            }
        }
        return -1;
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

    private static void trialsToNinetyNinePercent(int seeds) {
        var hpo = new HyperparameterSearchNodeFactory(List.of(new SvmNodeFactory()));
        Learner svm = learner(new SvmNodeFactory(), Map.of("probabilities", false));
        Transform z = StandardizingTransform.fittedOn(DATA);
        var params = List.of(ParameterRange.of("cost", Kind.LOG, 0.01, 1000).withGridPoints(10),
                ParameterRange.of("gamma", Kind.LOG, 1e-4, 1).withGridPoints(10));
        long t0 = System.nanoTime();
        Table grid = run(hpo, settings(params, Strategy.GRID, 100, 1, 2), svm, z);
        double gridBest = best(grid);
        double target = 0.99 * gridBest;
        System.out.printf(Locale.ROOT, "Trials to reach 99%% of the grid's best 3-fold accuracy %.4f (target %.4f):"
                + " RBF SVM, C ∈ [0.01, 1000], γ ∈ [1e-4, 1], both log; grid took %.1f s%n", gridBest, target,
                (System.nanoTime() - t0) / 1e9);
        System.out.println("| strategy           | budget | mean trials to 99% | reached | mean best | seeds |");
        System.out.println("|--------------------|-------:|-------------------:|--------:|----------:|------:|");
        System.out.printf(Locale.ROOT, "| %-18s | %6d | %18d | %7s | %9.4f | %5d |%n", "GRID (row order)", 100,
                trialsToReach(grid, target), "1/1", gridBest, 1);
        for (Strategy strategy : List.of(Strategy.RANDOM, Strategy.BAYESIAN, Strategy.SUCCESSIVE_HALVING)) {
            int budget = strategy == Strategy.SUCCESSIVE_HALVING ? 50 : 40;
            double sumTrials = 0;
            double sumBest = 0;
            int reached = 0;
            for (long seed = 1; seed <= seeds; seed++) {
                Table t = run(hpo, settings(params, strategy, budget, seed, 1), svm, z);
                int n = trialsToReach(t, target);
                if (n > 0) {
                    reached++;
                    sumTrials += n;
                }
                sumBest += best(t);
            }
            System.out.printf(Locale.ROOT, "| %-18s | %6d | %18s | %7s | %9.4f | %5d |%n", strategy, budget,
                    reached == 0 ? "—" : String.format(Locale.ROOT, "%.1f", sumTrials / reached), reached + "/" + seeds,
                    sumBest / seeds, seeds);
        }
        System.out.println("(successive halving counts every trial, also those on 1/9 and 1/3 of the training rows,"
                + " up to the first full-data trial that reaches the target)");
    }
}
