package dev.quiver.nodes.features;

import dev.quiver.api.table.Column;
import dev.quiver.api.table.StringColumn;
import java.util.HashMap;
import java.util.Map;

/** Pearson correlation, discretisation and mutual information over columns with missing cells. */
final class Dependence {
    private Dependence() {
    }

    /** Population variance of the non-missing values; 0 for a column whose values are all equal. */
    static double variance(Column c) {
        double[] v = Numbers.values(c);
        if (v.length == 0) {
            return Double.NaN;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double mean = 0;
        for (double x : v) {
            mean += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (min == max) {
            // Exactly zero, as scikit-learn's VarianceThreshold takes min(variance, peak-to-peak): the mean of
            // equal values can round, leaving a tiny positive "variance" that would pass threshold 0.
            return 0;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return ss / v.length;
    }

    /** Pearson r over the rows where both are present; NaN when either is constant there. */
    static double pearson(double[] x, double[] y) {
        int n = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
                mx += x[i];
                my += y[i];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    static double[] doubles(Column c) {
        double[] v = new double[c.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.getDouble(i);
        }
        return v;
    }

    /** Equal-frequency bin codes of a numeric column (edges as the Binning node), -1 where missing. */
    static int[] discretize(Column c, int bins) {
        double[] sorted = Numbers.sortedValues(c);
        int[] codes = new int[c.size()];
        if (sorted.length == 0) {
            java.util.Arrays.fill(codes, -1);
            return codes;
        }
        double[] edges = sorted[0] == sorted[sorted.length - 1] ? new double[] {sorted[0], sorted[0]}
                : BinningLearner.equalFrequency(sorted, bins);
        for (int i = 0; i < codes.length; i++) {
            double x = c.getDouble(i);
            codes[i] = Double.isNaN(x) ? -1 : BinningLearner.bin(edges, x);
        }
        return codes;
    }

    /** Class codes of a label: nominal codes, booleans 0/1, whole numbers by value; -1 where missing. */
    static int[] classes(Column c) {
        int[] codes = new int[c.size()];
        if (c instanceof StringColumn s) {
            for (int i = 0; i < codes.length; i++) {
                codes[i] = s.code(i);
            }
            return codes;
        }
        Map<Double, Integer> index = new HashMap<>();
        for (int i = 0; i < codes.length; i++) {
            double v = c.getDouble(i);
            codes[i] = Double.isNaN(v) ? -1 : index.computeIfAbsent(v, k -> index.size());
        }
        return codes;
    }

    /**
     * Mutual information in nats, I(X; Y) = Σ p(x, y) ln(p(x, y) / (p(x) p(y))), estimated from the
     * counts over the rows where both codes are present (the plug-in estimate, as scikit-learn's
     * mutual_info_score on the same codes).
     */
    static double mutualInformation(int[] x, int[] y) {
        int kx = 0;
        int ky = 0;
        for (int i = 0; i < x.length; i++) {
            kx = Math.max(kx, x[i] + 1);
            ky = Math.max(ky, y[i] + 1);
        }
        long[][] joint = new long[kx][ky];
        long[] px = new long[kx];
        long[] py = new long[ky];
        long n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= 0 && y[i] >= 0) {
                joint[x[i]][y[i]]++;
                px[x[i]]++;
                py[y[i]]++;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        double mi = 0;
        for (int a = 0; a < kx; a++) {
            for (int b = 0; b < ky; b++) {
                long c = joint[a][b];
                if (c > 0) {
                    mi += (double) c / n * Math.log((double) c * n / ((double) px[a] * py[b]));
                }
            }
        }
        // Rounding can leave a tiny negative sum for independent codes; information is never negative.
        return Math.max(mi, 0);
    }
}
