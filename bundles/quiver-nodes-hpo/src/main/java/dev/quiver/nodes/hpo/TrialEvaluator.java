package dev.quiver.nodes.hpo;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.FitJob;
import dev.quiver.api.node.FitResult;
import dev.quiver.api.node.FitUnit;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.Table;
import dev.quiver.nodes.eval.evaluation.FoldFit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Scores settings of the learner split by split: re-creates it with the trial's values and fits it
 * on one split (a fold, or the hold-out) with the transform refitted on the training part. Each
 * (trial, split) pair is one unit of work, so two cores stay busy even when trials differ in cost. Every trial sees the
 * same splits, so differences between trials are the settings', not the data's.
 */
final class TrialEvaluator {
    /** Rows of one split. */
    record Split(int[] train, int[] test) {
    }

    /** Mean and sample standard deviation (ddof = 1; NaN for one split) of the metric over splits. */
    record Score(double mean, double std) {
    }

    private final Learner base;
    private final FitJob job;
    private final Metric metric;
    private final List<Split> splits;
    private final long seed;

    TrialEvaluator(Learner base, Optional<Transform> transform, Table table, FitColumns columns, Metric metric,
            List<Split> splits, long seed) {
        this.base = base;
        this.job = new FitJob(table, columns, transform);
        this.metric = metric;
        this.splits = List.copyOf(splits);
        this.seed = seed;
    }

    Learner learner(Map<String, Object> settings) {
        return settings.isEmpty() ? base : base.withSettings(settings);
    }

    int splitCount() {
        return splits.size();
    }

    /** What every unit shares: the table, the columns and the transform refitted per split. */
    FitJob job() {
        return job;
    }

    /**
     * One trial on one split as a unit for the execution backend. {@code dataFraction} below 1 trains
     * on that share of the training part (a successive-halving budget for learners without a budget
     * setting); the test part stays whole.
     */
    FitUnit unit(Map<String, Object> settings, double dataFraction, int split) {
        Split s = splits.get(split);
        int[] train = dataFraction < 1 ? subsample(s.train(), dataFraction, seed + split) : s.train();
        return new FitUnit(learner(settings), train, s.test());
    }

    /** The metric of one split from the backend's predictions; NaN when it is undefined there. */
    double score(FitResult result, int split) {
        return metric.of(FoldFit.of(result, job.table(), job.columns().label(), splits.get(split).test()));
    }

    /** Mean and sample standard deviation of a trial's split scores, ignoring undefined ones. */
    Score combine(double[] values) {
        double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (defined.length == 0) {
            throw new InvalidInputException(metric.label() + " is undefined on every test part (for AUC: a test part"
                    + " lacks a class). Choose another metric or fewer folds.");
        }
        double mean = Arrays.stream(defined).average().orElseThrow();
        double ss = 0;
        for (double v : defined) {
            ss += (v - mean) * (v - mean);
        }
        return new Score(mean, defined.length < 2 ? Double.NaN : Math.sqrt(ss / (defined.length - 1)));
    }

    /** A seeded share of the rows, at least one, in increasing order. */
    static int[] subsample(int[] rows, double fraction, long seed) {
        int[] copy = rows.clone();
        var random = new SplittableRandom(seed);
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        int n = Math.max(1, (int) Math.round(fraction * rows.length));
        int[] out = Arrays.copyOf(copy, n);
        Arrays.sort(out);
        return out;
    }
}
