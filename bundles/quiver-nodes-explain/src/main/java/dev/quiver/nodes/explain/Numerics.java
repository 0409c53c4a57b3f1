package dev.quiver.nodes.explain;

import dev.quiver.api.node.ExecutionContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/** Small numerical helpers shared by the explanation nodes. */
final class Numerics {
    private Numerics() {
    }

    /**
     * Up to {@code max} distinct row indices out of {@code n}, drawn with {@code seed} and returned in
     * ascending order; all rows when {@code n <= max}. Warns when it sub-sampled, naming the setting.
     */
    static int[] sampleRows(int n, int max, long seed, String what, String setting, ExecutionContext context) {
        if (n <= max) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] perm = new int[n];
        Arrays.setAll(perm, i -> i);
        var rnd = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = Arrays.copyOf(perm, max);
        Arrays.sort(out);
        context.warn(String.format(Locale.ROOT, "Sub-sampled %d of %d %s (setting '%s').", max, n, what, setting));
        return out;
    }

    static double[][] rows(double[][] x, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]];
        }
        return out;
    }

    /**
     * Solves the symmetric positive (semi-)definite system {@code a·x = b} by Gaussian elimination with
     * partial pivoting. A singular system (a feature that never varies in the perturbations) gets a
     * ridge of 1e-10 of its trace, which leaves well-posed systems untouched to printing precision.
     */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[] x = tryOrNull(a, b, 0);
        if (x == null) {
            double trace = 0;
            for (int i = 0; i < n; i++) {
                trace += Math.abs(a[i][i]);
            }
            x = tryOrNull(a, b, Math.max(1e-10 * trace, 1e-12));
        }
        if (x == null) {
            throw new IllegalStateException("Singular linear system of size " + n);
        }
        return x;
    }

    private static double[] tryOrNull(double[][] a0, double[] b0, double ridge) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
            a[i][i] += ridge;
        }
        double[] b = b0.clone();
        double scale = 0;
        for (double[] row : a) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            if (Math.abs(a[p][c]) <= 1e-13 * Math.max(scale, 1e-300)) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            double tb = b[c];
            b[c] = b[p];
            b[p] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                if (f != 0) {
                    for (int k = c; k < n; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                    b[r] -= f * b[c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /**
     * Weighted ridge regression with an unpenalised intercept, as scikit-learn's {@code Ridge} with
     * {@code sample_weight}: centre X and y on their weighted means, solve
     * {@code (XᵀWX + αI)β = XᵀWy}, intercept {@code ȳ − x̄ᵀβ}. Returns {@code [intercept, β…]}.
     */
    static double[] weightedRidge(double[][] x, double[] y, double[] w, double alpha) {
        int n = y.length;
        int p = x.length == 0 ? 0 : x[0].length;
        double sw = 0;
        double[] xm = new double[p];
        double ym = 0;
        for (int i = 0; i < n; i++) {
            sw += w[i];
            ym += w[i] * y[i];
            for (int j = 0; j < p; j++) {
                xm[j] += w[i] * x[i][j];
            }
        }
        ym /= sw;
        for (int j = 0; j < p; j++) {
            xm[j] /= sw;
        }
        double[][] a = new double[p][p];
        double[] b = new double[p];
        double[] xc = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xc[j] = x[i][j] - xm[j];
            }
            double yc = y[i] - ym;
            for (int j = 0; j < p; j++) {
                double wx = w[i] * xc[j];
                b[j] += wx * yc;
                for (int k = 0; k <= j; k++) {
                    a[j][k] += wx * xc[k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                a[k][j] = a[j][k];
            }
            a[j][j] += alpha;
        }
        double[] beta = p == 0 ? new double[0] : solve(a, b);
        double intercept = ym;
        for (int j = 0; j < p; j++) {
            intercept -= xm[j] * beta[j];
        }
        double[] out = new double[p + 1];
        out[0] = intercept;
        System.arraycopy(beta, 0, out, 1, p);
        return out;
    }

    /** Weighted coefficient of determination R², as scikit-learn's {@code r2_score} with sample weights. */
    static double weightedR2(double[] y, double[] pred, double[] w) {
        double sw = 0;
        double ym = 0;
        for (int i = 0; i < y.length; i++) {
            sw += w[i];
            ym += w[i] * y[i];
        }
        ym /= sw;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < y.length; i++) {
            ssRes += w[i] * (y[i] - pred[i]) * (y[i] - pred[i]);
            ssTot += w[i] * (y[i] - ym) * (y[i] - ym);
        }
        if (ssTot == 0) {
            return ssRes == 0 ? 1.0 : 0.0;
        }
        return 1 - ssRes / ssTot;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    /** Population standard deviation (numpy's default, as scikit-learn reports importances_std). */
    static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** A short number for chart labels. */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        var b = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros();
        return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e9 ? b.toPlainString() : b.toString();
    }
}
