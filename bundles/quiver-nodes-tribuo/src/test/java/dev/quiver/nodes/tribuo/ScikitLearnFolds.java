package dev.quiver.nodes.tribuo;

import dev.quiver.api.table.Column;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * scikit-learn's {@code StratifiedKFold(n_splits=10, shuffle=True, random_state=0)} folds of the
 * iris and breast-cancer fixtures (from the resource {@code sklearn-stratified-10-fold.txt}, which
 * says how it was made), and the per-fold z-score that scikit-learn's {@code StandardScaler} does.
 */
final class ScikitLearnFolds {
    static final int FOLDS = 10;

    record Fold(Table train, Table test) {
    }

    private ScikitLearnFolds() {
    }

    /** The fold (0–9) of every row of the named fixture ({@code iris} or {@code breast_cancer}). */
    static int[] folds(String fixture) {
        try (InputStream in = ScikitLearnFolds.class.getResourceAsStream("sklearn-stratified-10-fold.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith(fixture + "=")) {
                    return line.substring(fixture.length() + 1).trim().chars().map(c -> c - '0').toArray();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("No folds for " + fixture);
    }

    /** Fold {@code k}: train on the other nine, test on it; both z-scored with the train rows' mean and σ. */
    static Fold fold(Table data, int[] folds, int k, List<String> features, boolean zScore) {
        int[] train = IntStream.range(0, folds.length).filter(i -> folds[i] != k).toArray();
        int[] test = IntStream.range(0, folds.length).filter(i -> folds[i] == k).toArray();
        Table tr = data.rows(train);
        Table te = data.rows(test);
        if (!zScore) {
            return new Fold(tr, te);
        }
        var trCols = new ArrayList<Column>();
        var teCols = new ArrayList<Column>();
        for (String f : features) {
            DoubleColumn a = tr.doubleColumn(f);
            double mean = 0;
            for (int i = 0; i < a.size(); i++) {
                mean += a.get(i);
            }
            mean /= a.size();
            double ss = 0;
            for (int i = 0; i < a.size(); i++) {
                ss += (a.get(i) - mean) * (a.get(i) - mean);
            }
            // StandardScaler: population σ (ddof 0), and σ = 0 left as 1.
            double sd = Math.sqrt(ss / a.size());
            double scale = sd == 0 ? 1 : sd;
            trCols.add(scaled(a, mean, scale));
            teCols.add(scaled(te.doubleColumn(f), mean, scale));
        }
        return new Fold(tr.withColumns(trCols), te.withColumns(teCols));
    }

    private static DoubleColumn scaled(DoubleColumn c, double mean, double scale) {
        double[] v = new double[c.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (c.get(i) - mean) / scale;
        }
        return DoubleColumn.of(c.spec(), v);
    }

    /** Min-max scaling to [0, 1] with the train rows' range (scikit-learn's MinMaxScaler(clip=True)), for naive Bayes. */
    static Fold minMax(Table data, int[] folds, int k, List<String> features) {
        Fold raw = fold(data, folds, k, features, false);
        var trCols = new ArrayList<Column>();
        var teCols = new ArrayList<Column>();
        for (String f : features) {
            DoubleColumn a = raw.train().doubleColumn(f);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < a.size(); i++) {
                min = Math.min(min, a.get(i));
                max = Math.max(max, a.get(i));
            }
            double range = max == min ? 1 : max - min;
            trCols.add(scaled(a, min, range));
            // Test values outside the train range are clipped into [0, 1], as MinMaxScaler(clip=True) does: Tribuo's
            // naive Bayes refuses negative values when predicting (scikit-learn's only when fitting).
            DoubleColumn t = scaled(raw.test().doubleColumn(f), min, range);
            double[] clipped = new double[t.size()];
            for (int i = 0; i < clipped.length; i++) {
                clipped[i] = Math.min(1, Math.max(0, t.get(i)));
            }
            teCols.add(DoubleColumn.of(t.spec(), clipped));
        }
        return new Fold(raw.train().withColumns(trCols), raw.test().withColumns(teCols));
    }
}
