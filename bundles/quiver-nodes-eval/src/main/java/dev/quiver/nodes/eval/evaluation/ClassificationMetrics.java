package dev.quiver.nodes.eval.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Confusion-matrix metrics for classification, computed the way scikit-learn computes them with
 * {@code zero_division=0}: a precision, recall or F1 whose denominator is zero is 0. Macro averages
 * run over the classes that occur among the actual or the predicted values (scikit-learn's
 * {@code unique_labels}), weighted averages weight each class by its support.
 */
public final class ClassificationMetrics {
    private final List<String> classes;
    private final long[][] confusion;
    private final long scored;

    private ClassificationMetrics(List<String> classes, long[][] confusion) {
        this.classes = List.copyOf(classes);
        this.confusion = confusion;
        long n = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                n += v;
            }
        }
        this.scored = n;
    }

    /** {@code actual[i]} and {@code predicted[i]} index {@code classes}. */
    public static ClassificationMetrics of(List<String> classes, int[] actual, int[] predicted) {
        long[][] cm = new long[classes.size()][classes.size()];
        for (int i = 0; i < actual.length; i++) {
            cm[actual[i]][predicted[i]]++;
        }
        return new ClassificationMetrics(classes, cm);
    }

    public List<String> classes() {
        return classes;
    }

    /** Rows are actual classes, columns predicted classes. */
    public long count(int actual, int predicted) {
        return confusion[actual][predicted];
    }

    public long scored() {
        return scored;
    }

    public long truePositives(int k) {
        return confusion[k][k];
    }

    public long falsePositives(int k) {
        return predictedCount(k) - confusion[k][k];
    }

    public long falseNegatives(int k) {
        return support(k) - confusion[k][k];
    }

    public long support(int k) {
        long s = 0;
        for (long v : confusion[k]) {
            s += v;
        }
        return s;
    }

    public long predictedCount(int k) {
        long s = 0;
        for (long[] row : confusion) {
            s += row[k];
        }
        return s;
    }

    public double precision(int k) {
        return ratio(truePositives(k), predictedCount(k));
    }

    public double recall(int k) {
        return ratio(truePositives(k), support(k));
    }

    /** 2TP / (2TP + FP + FN), which equals 2PR / (P + R) and is 0 when both are 0. */
    public double f1(int k) {
        return ratio(2 * truePositives(k), 2 * truePositives(k) + falsePositives(k) + falseNegatives(k));
    }

    public double accuracy() {
        long correct = 0;
        for (int k = 0; k < classes.size(); k++) {
            correct += confusion[k][k];
        }
        return ratio(correct, scored);
    }

    /**
     * Cohen's kappa: (p_o - p_e) / (1 - p_e), with p_o the accuracy and p_e the agreement expected
     * by chance from the actual and predicted class frequencies.
     */
    public double kappa() {
        double n = scored;
        double expected = 0;
        for (int k = 0; k < classes.size(); k++) {
            expected += (support(k) / n) * (predictedCount(k) / n);
        }
        if (expected == 1) {
            // Both raters always say the same single class: scikit-learn returns NaN here too.
            return Double.NaN;
        }
        return (accuracy() - expected) / (1 - expected);
    }

    /** Whether class k occurs among the actual or predicted values of the scored rows. */
    public boolean present(int k) {
        return support(k) > 0 || predictedCount(k) > 0;
    }

    public interface PerClass {
        double of(int k);
    }

    public double macro(PerClass metric) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < classes.size(); k++) {
            if (present(k)) {
                sum += metric.of(k);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    public double weighted(PerClass metric) {
        double sum = 0;
        for (int k = 0; k < classes.size(); k++) {
            sum += support(k) * metric.of(k);
        }
        return ratio(sum, scored);
    }

    private static double ratio(double num, double den) {
        return den == 0 ? 0 : num / den;
    }

    /** One ROC curve: points from the highest threshold down, and the area under it. */
    public record Roc(double[] fpr, double[] tpr, double[] thresholds, double auc) {
    }

    /**
     * The ROC curve of {@code score} for the positives, with one point per distinct score (no
     * points dropped) and a first point (0, 0) at threshold max + 1, as scikit-learn 1.2's
     * {@code roc_curve(drop_intermediate=False)}. The area is the trapezoid rule over these points,
     * which equals {@code roc_auc_score}. Null when there are no positives or no negatives.
     */
    public static Roc roc(boolean[] positive, double[] score) {
        int n = positive.length;
        long positives = 0;
        for (boolean p : positive) {
            if (p) {
                positives++;
            }
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
        var fpr = new ArrayList<Double>();
        var tpr = new ArrayList<Double>();
        var thr = new ArrayList<Double>();
        fpr.add(0.0);
        tpr.add(0.0);
        thr.add(score[order[0]] + 1);
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < n; i++) {
            if (positive[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            // Tied scores form one threshold: emit a point only after the last of them.
            if (i == n - 1 || score[order[i + 1]] != score[order[i]]) {
                fpr.add((double) fp / negatives);
                tpr.add((double) tp / positives);
                thr.add(score[order[i]]);
            }
        }
        double auc = 0;
        for (int i = 1; i < fpr.size(); i++) {
            auc += (fpr.get(i) - fpr.get(i - 1)) * (tpr.get(i) + tpr.get(i - 1)) / 2;
        }
        return new Roc(unbox(fpr), unbox(tpr), unbox(thr), auc);
    }

    /** Probabilities are clipped to [1e-15, 1 - 1e-15] and each row renormalised, as scikit-learn's log_loss. */
    public static final double LOG_LOSS_EPS = 1e-15;

    /**
     * Mean negative log-likelihood of the actual classes. {@code probabilities[i][k]} is the
     * probability of class k in row i; {@code actual[i]} the index of the actual class.
     */
    public static double logLoss(double[][] probabilities, int[] actual) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double[] p = probabilities[i];
            double total = 0;
            double own = 0;
            for (int k = 0; k < p.length; k++) {
                double c = Math.min(Math.max(p[k], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
                total += c;
                if (k == actual[i]) {
                    own = c;
                }
            }
            sum -= Math.log(own / total);
        }
        return sum / actual.length;
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
