package dev.quiver.nodes.eval.evaluation;

import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The metrics of one set of predictions against the actual values, as Cross-Validate reports them. */
public final class Scores {
    private Scores() {
    }

    /** Classification metrics of one test set; NaN where a metric is undefined. */
    public record Classification(double accuracy, double kappa, double macroF1, double weightedF1, double macroAuc,
            double logLoss) {
        /** In the order of Cross-Validate's columns. */
        public double[] toArray() {
            return new double[] {accuracy, kappa, macroF1, weightedF1, macroAuc, logLoss};
        }
    }

    /** Regression metrics of one test set. */
    public record Regression(double rmse, double mae, double r2) {
        public double[] toArray() {
            return new double[] {rmse, mae, r2};
        }
    }

    /**
     * Accuracy, kappa, macro/weighted F1, macro one-vs-rest AUC and log-loss of predictions made by
     * a model of spec {@code model}: {@code predicted} holds the {@link ModelSpec#predictionColumns()}.
     * Macro AUC averages over the classes that have both positives and negatives in the test set.
     */
    public static Classification classification(ModelSpec model, Column actualColumn, Table predicted) {
        StringColumn actual = (StringColumn) actualColumn;
        StringColumn prediction = predicted.stringColumn(ModelSpec.PREDICTION);
        List<String> classes = model.classes();
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        int n = actual.size();
        int[] a = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = index.get(actual.get(i));
            p[i] = index.get(prediction.get(i));
        }
        ClassificationMetrics m = ClassificationMetrics.of(classes, a, p);
        double[][] probs = new double[n][classes.size()];
        double aucSum = 0;
        int aucCount = 0;
        for (int c = 0; c < classes.size(); c++) {
            DoubleColumn col = predicted.doubleColumn(ModelSpec.probabilityColumn(classes.get(c)));
            boolean[] positive = new boolean[n];
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                probs[i][c] = col.get(i);
                positive[i] = a[i] == c;
                score[i] = col.get(i);
            }
            ClassificationMetrics.Roc roc = ClassificationMetrics.roc(positive, score);
            if (roc != null) {
                aucSum += roc.auc();
                aucCount++;
            }
        }
        return new Classification(m.accuracy(), m.kappa(), m.macro(m::f1), m.weighted(m::f1),
                aucCount == 0 ? Double.NaN : aucSum / aucCount, ClassificationMetrics.logLoss(probs, a));
    }

    /** RMSE, MAE and R² = 1 − SS_res / SS_tot of one test set. */
    public static Regression regression(Column actual, Table predicted) {
        DoubleColumn prediction = predicted.doubleColumn(ModelSpec.PREDICTION);
        int n = actual.size();
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += actual.getDouble(i) / n;
        }
        double se = 0;
        double ae = 0;
        double tot = 0;
        for (int i = 0; i < n; i++) {
            double e = actual.getDouble(i) - prediction.get(i);
            se += e * e;
            ae += Math.abs(e);
            tot += (actual.getDouble(i) - mean) * (actual.getDouble(i) - mean);
        }
        return new Regression(Math.sqrt(se / n), ae / n, tot == 0 ? Double.NaN : 1 - se / tot);
    }
}
