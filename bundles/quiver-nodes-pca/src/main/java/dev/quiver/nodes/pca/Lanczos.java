package dev.quiver.nodes.pca;

import dev.quiver.api.node.ExecutionContext;
import java.util.SplittableRandom;

/**
 * The k largest eigenpairs of a symmetric operator by thick-restart Lanczos (Wu and Simon, 2000)
 * with full reorthogonalisation. EJML has only full decompositions; for a 5,000 × 5,000 kernel
 * those cost O(n³), while Lanczos needs a few dozen matrix-vector products.
 *
 * <p>The projected matrix {@code T = Vᵀ A V} is filled from the reorthogonalisation coefficients,
 * so the relation {@code A V = V T + β v e_mᵀ} holds after every restart and the residual of a
 * Ritz pair is {@code |β · s_m|}. A Ritz value's error is bounded by residual² / gap, so stopping
 * at a residual of 1e-11 · |θ₁| gives eigenvalues far more accurate than that.
 */
final class Lanczos {
    /** y = A x for a symmetric A. */
    interface Operator {
        int size();

        void multiply(double[] x, double[] y);
    }

    /** Relative residual at which a Ritz pair counts as converged. */
    static final double TOLERANCE = 1e-11;
    private static final int MAX_RESTARTS = 500;

    static final java.util.concurrent.atomic.AtomicLong PRODUCTS = new java.util.concurrent.atomic.AtomicLong();

    private Lanczos() {
    }

    /**
     * The {@code k} algebraically largest eigenpairs. Reports progress per restart into
     * {@code context} and checks cancellation after every product.
     */
    static SymmetricEigen largest(Operator a, int k, long seed, ExecutionContext context) {
        int n = a.size();
        if (k >= n) {
            throw new IllegalArgumentException("Lanczos needs k < n");
        }
        int m = Math.min(n, Math.max(2 * k + 24, 32));
        int keep = Math.min(m - 2, k + Math.max(k, (m - k) / 2));
        double[][] v = new double[m + 1][];
        double[][] t = new double[m][m];
        var rnd = new SplittableRandom(seed);
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = rnd.nextDouble() - 0.5;
        }
        v[0] = normalise(start);
        int from = 0;
        double[] w = new double[n];
        double beta = 0;
        SymmetricEigen ritz = null;
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            for (int j = from; j < m; j++) {
                context.checkCanceled();
                a.multiply(v[j], w);
                PRODUCTS.incrementAndGet();
                double[] h = new double[j + 1];
                // Twice is enough (Kahan–Parlett): one pass of Gram–Schmidt loses orthogonality
                // when w is nearly in the span, which is exactly what happens near convergence.
                for (int pass = 0; pass < 2; pass++) {
                    for (int i = 0; i <= j; i++) {
                        double c = dot(v[i], w);
                        h[i] += c;
                        axpy(-c, v[i], w);
                    }
                }
                for (int i = 0; i <= j; i++) {
                    t[i][j] = h[i];
                    t[j][i] = h[i];
                }
                beta = Math.sqrt(dot(w, w));
                if (j + 1 >= n) {
                    // The basis spans the whole space; the residual is zero by construction.
                    beta = 0;
                    v[j + 1] = new double[n];
                } else if (beta <= 1e-14 * Math.max(1, Math.abs(h[j]))) {
                    // An invariant subspace: continue with any direction orthogonal to it.
                    beta = 0;
                    double[] r = new double[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = rnd.nextDouble() - 0.5;
                    }
                    for (int pass = 0; pass < 2; pass++) {
                        for (int i = 0; i <= j; i++) {
                            axpy(-dot(v[i], r), v[i], r);
                        }
                    }
                    v[j + 1] = normalise(r);
                } else {
                    double[] next = v[j + 1] != null && v[j + 1].length == n ? v[j + 1] : new double[n];
                    for (int i = 0; i < n; i++) {
                        next[i] = w[i] / beta;
                    }
                    v[j + 1] = next;
                }
            }
            double[] flat = new double[m * m];
            for (int i = 0; i < m; i++) {
                System.arraycopy(t[i], 0, flat, i * m, m);
            }
            ritz = SymmetricEigen.of(flat, m);
            double scale = Math.max(Math.abs(ritz.values()[0]), Double.MIN_NORMAL);
            boolean converged = true;
            for (int c = 0; c < k; c++) {
                if (Math.abs(beta * ritz.vectors()[c][m - 1]) > TOLERANCE * scale) {
                    converged = false;
                    break;
                }
            }
            context.progress(Math.min(0.95, (restart + 1) / 20.0), "Lanczos restart " + (restart + 1));
            if (converged || restart == MAX_RESTARTS || m == n) {
                if (!converged && m < n) {
                    context.warn("Lanczos stopped after " + MAX_RESTARTS + " restarts before reaching the tolerance "
                            + TOLERANCE + "; the components may be slightly inaccurate. Try the DENSE solver.");
                }
                break;
            }
            // Thick restart: keep the best Ritz vectors and the residual direction.
            double[][] kept = combine(v, ritz.vectors(), m, keep, n);
            double[] residual = v[m];
            for (int c = 0; c < keep; c++) {
                v[c] = kept[c];
            }
            v[keep] = residual;
            for (int i = keep + 1; i <= m; i++) {
                v[i] = null;
            }
            for (double[] row : t) {
                java.util.Arrays.fill(row, 0);
            }
            for (int c = 0; c < keep; c++) {
                t[c][c] = ritz.values()[c];
            }
            from = keep;
        }
        double[][] vectors = combine(v, ritz.vectors(), m, k, n);
        double[] values = java.util.Arrays.copyOf(ritz.values(), k);
        for (double[] x : vectors) {
            fixSign(x);
        }
        return new SymmetricEigen(values, vectors);
    }

    /** Ritz vectors {@code V s_c} for the first {@code count} columns of {@code s}. */
    private static double[][] combine(double[][] v, double[][] s, int m, int count, int n) {
        double[][] out = new double[count][n];
        for (int c = 0; c < count; c++) {
            for (int j = 0; j < m; j++) {
                axpy(s[c][j], v[j], out[c]);
            }
        }
        return out;
    }

    /** Makes the largest-magnitude entry positive (scikit-learn's svd_flip rule), for reproducible signs. */
    static void fixSign(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(x[i]) > Math.abs(x[best])) {
                best = i;
            }
        }
        if (x[best] < 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] = -x[i];
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    private static double[] normalise(double[] x) {
        double norm = Math.sqrt(dot(x, x));
        for (int i = 0; i < x.length; i++) {
            x[i] /= norm;
        }
        return x;
    }
}
