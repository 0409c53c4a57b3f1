package dev.quiver.nodes.pca;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A fitted Kernel PCA. A new row x is scored as Σⱼ k̃(x, rⱼ) coefⱼ over the reference rows rⱼ,
 * where k̃ is the kernel centred in feature space: k̃(x, rⱼ) = k(x, rⱼ) − mean over j of k(x, rⱼ)
 * − meanⱼ + grandMean (exact), or k(x, rⱼ) − meanⱼ (Nyström, whose feature map is explicit).
 *
 * @param features    input columns
 * @param kernel      the kernel with gamma resolved
 * @param reference   training rows (exact) or landmarks (Nyström)
 * @param refMean     mean of each reference column of the training kernel
 * @param grandMean   mean of the whole training kernel (exact), 0 (Nyström)
 * @param centreRows  whether a new row's own kernel mean is subtracted (exact only)
 * @param coef        {@code coef[c]} weights the reference rows for component c
 * @param eigenvalues eigenvalues of the centred kernel matrix, largest first (scikit-learn's eigenvalues_)
 * @param trace       trace of the centred kernel: the total variance × n, for explained ratios
 * @param solver      the solver actually used
 */
record KernelPcaModel(List<String> features, KernelFunction kernel, KernelFunction.Reference reference,
        double[] refMean, double grandMean, boolean centreRows, double[][] coef, double[] eigenvalues, double trace,
        KernelSolver solver) {

    /** Rows at or below which AUTO takes the dense solver. */
    static final int DENSE_MAX_ROWS = 500;
    /** Rows of the kernel computed between progress reports and cancellation checks. */
    private static final int CHUNK = 256;
    /** Rows per Nyström pass step: large enough that the m × m accumulation runs at full speed. */
    private static final int NYSTROM_CHUNK = 4096;

    record Fit(KernelPcaModel model, double[] scores) {
    }

    /** Bytes of the full n × n kernel. */
    static long kernelBytes(long n) {
        return 8L * n * n;
    }

    /** Bytes of its lower triangle, all the ITERATIVE solver stores. */
    static long triangleBytes(long n) {
        return 4L * n * (n + 1);
    }

    /** The solver AUTO picks for {@code n} rows and {@code k} components under the limit. */
    static KernelSolver choose(KernelSolver requested, int n, int k, long limitBytes) {
        if (requested != KernelSolver.AUTO) {
            return requested;
        }
        if (n <= DENSE_MAX_ROWS || 4L * k >= n) {
            return 3 * kernelBytes(n) <= limitBytes ? KernelSolver.DENSE : KernelSolver.NYSTROM;
        }
        return triangleBytes(n) <= limitBytes ? KernelSolver.ITERATIVE : KernelSolver.NYSTROM;
    }

    static Fit fit(double[] x, int n, List<String> features, KernelPcaSettings s, ExecutionContext context) {
        int d = features.size();
        int k = s.components();
        if (n < 2) {
            throw new InvalidInputException("Kernel PCA needs at least 2 rows, but the input has " + n + ".");
        }
        if (k >= n) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "'Components' is %d, but the data has only %d rows; the centred kernel has at most %d non-zero "
                            + "eigenvalues. Choose at most %d components.", k, n, n - 1, n - 1));
        }
        long limit = (long) s.maxKernelMegabytes() * 1024 * 1024;
        KernelSolver solver = choose(s.solver(), n, k, limit);
        if (s.solver() == KernelSolver.AUTO && solver == KernelSolver.NYSTROM) {
            context.warn(String.format(Locale.ROOT, "The %,d × %,d kernel (%,d MB for its lower triangle) exceeds 'Max kernel "
                    + "megabytes' (%,d MB), so Kernel PCA uses the Nyström approximation with %,d landmarks.", n, n,
                    triangleBytes(n) / (1024 * 1024), s.maxKernelMegabytes(), Math.min(n, s.landmarks())));
        }
        if (solver != KernelSolver.NYSTROM) {
            boolean dense = solver == KernelSolver.DENSE;
            long need = dense ? 3 * kernelBytes(n) : triangleBytes(n);
            if (need > limit) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "Kernel PCA with the %s solver needs %s the %,d × %,d kernel matrix for n = %,d rows: %,d MB, "
                                + "over the limit 'Max kernel megabytes' = %,d MB. Choose the NYSTROM solver (memory grows "
                                + "with landmarks × rows), sample fewer rows, or raise the limit.",
                        solver, dense ? "three copies of" : "the lower triangle of", n, n, n, need / (1024 * 1024),
                        s.maxKernelMegabytes()));
            }
        }
        KernelFunction kernel = s.kernelFunction(d);
        try (var workers = new Workers(context.parallelism())) {
            return solver == KernelSolver.NYSTROM
                    ? nystroem(x, n, d, features, kernel, s, workers, context)
                    : exact(x, n, d, features, kernel, s, solver, workers, context);
        }
    }

    private static Fit exact(double[] x, int n, int d, List<String> features, KernelFunction kernel,
            KernelPcaSettings s, KernelSolver solver, Workers workers, ExecutionContext context) {
        int k = s.components();
        var ref = KernelFunction.Reference.of(x, n, d);
        // The kernel is symmetric: row i keeps only K[i][0..i], halving the work to build it and the
        // memory every Lanczos product has to stream.
        double[][] tri = new double[n][];
        ExecutionContext building = context.subProgress(0, 0.4);
        for (int from = 0; from < n; from += CHUNK) {
            context.checkCanceled();
            building.progress(done(from, n), String.format(Locale.ROOT, "Kernel rows %,d of %,d", from, n));
            int to = Math.min(n, from + CHUNK);
            int base = from;
            workers.forRows(to - from, 16, (b, lo, hi) -> {
                double[][] rows = new double[hi - lo][];
                for (int i = base + lo; i < base + hi; i++) {
                    rows[i - base - lo] = new double[i + 1];
                }
                kernel.block(x, d, base + lo, base + hi, ref, true, rows);
                for (int i = base + lo; i < base + hi; i++) {
                    tri[i] = rows[i - base - lo];
                }
            });
        }
        building.progress(1, "Kernel built");
        // Centring in feature space: φ(x) − mean φ changes k(i, j) to k − meanᵢ − meanⱼ + grandMean.
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = tri[i];
            double sum = row[i];
            for (int t = 0; t < i; t++) {
                sum += row[t];
                mean[t] += row[t];
            }
            mean[i] += sum;
        }
        double grand = 0;
        for (int i = 0; i < n; i++) {
            mean[i] /= n;
            grand += mean[i];
        }
        grand /= n;
        double g = grand;
        workers.forRows(n, 64, (b, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                double[] row = tri[i];
                double mi = mean[i] - g;
                for (int t = 0; t <= i; t++) {
                    row[t] = row[t] - mi - mean[t];
                }
            }
        });
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += tri[i][i];
        }
        context.checkCanceled();
        SymmetricEigen eig;
        if (solver == KernelSolver.DENSE) {
            context.progress(0.45, "Dense eigendecomposition of the " + n + " × " + n + " kernel");
            double[] flat = new double[n * n];
            for (int i = 0; i < n; i++) {
                double[] row = tri[i];
                for (int t = 0; t <= i; t++) {
                    flat[i * n + t] = row[t];
                    flat[t * n + i] = row[t];
                }
                tri[i] = null;
            }
            SymmetricEigen full = SymmetricEigen.of(flat, n);
            double[][] vectors = java.util.Arrays.copyOf(full.vectors(), k);
            for (double[] v : vectors) {
                Lanczos.fixSign(v);
            }
            eig = new SymmetricEigen(java.util.Arrays.copyOf(full.values(), k), vectors);
        } else {
            eig = Lanczos.largest(operator(tri, workers), k, s.seed(), context.subProgress(0.4, 0.95));
        }
        context.checkCanceled();
        double[][] coef = new double[k][n];
        double[] scores = new double[n * k];
        for (int c = 0; c < k; c++) {
            double lambda = eig.values()[c];
            if (!(lambda > 1e-12 * Math.max(eig.values()[0], Double.MIN_NORMAL))) {
                context.warn(String.format(Locale.ROOT, "Component KPC%d has eigenvalue %.3g (not positive): the kernel "
                        + "is not positive definite here or the data has fewer dimensions; its scores are set to 0.", c + 1, lambda));
                continue;
            }
            double root = Math.sqrt(lambda);
            double[] u = eig.vectors()[c];
            for (int i = 0; i < n; i++) {
                coef[c][i] = u[i] / root;
                scores[i * k + c] = u[i] * root;
            }
        }
        var model = new KernelPcaModel(features, kernel, ref, mean, grand, true, coef, eig.values(), trace, solver);
        return new Fit(model, scores);
    }

    /** Share of the triangle's work done once rows {@code 0..from} are built (row i has i + 1 entries). */
    private static double done(long from, long n) {
        return from * (from + 1) / 2.0 / (n * (n + 1) / 2.0);
    }

    /**
     * y = K x from the lower triangle: row i contributes its dot product to yᵢ and, by symmetry,
     * xᵢ times itself to y[0..i). The rows are split into parts of equal area, one per thread,
     * each with its own accumulator.
     */
    private static Lanczos.Operator operator(double[][] tri, Workers workers) {
        int n = tri.length;
        int parts = Math.min(workers.threads(), n);
        int[] bounds = new int[parts + 1];
        for (int p = 1, i = 0; p < parts; p++) {
            while (i < n && done(i, n) < (double) p / parts) {
                i++;
            }
            bounds[p] = i;
        }
        bounds[parts] = n;
        double[][] partial = new double[parts][n];
        return new Lanczos.Operator() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public void multiply(double[] x, double[] y) {
                workers.run(parts, p -> {
                    double[] acc = partial[p];
                    java.util.Arrays.fill(acc, 0);
                    for (int i = bounds[p]; i < bounds[p + 1]; i++) {
                        double[] row = tri[i];
                        double xi = x[i];
                        double s0 = 0;
                        double s1 = 0;
                        double s2 = 0;
                        double s3 = 0;
                        int t = 0;
                        for (; t + 3 < i; t += 4) {
                            s0 += row[t] * x[t];
                            s1 += row[t + 1] * x[t + 1];
                            s2 += row[t + 2] * x[t + 2];
                            s3 += row[t + 3] * x[t + 3];
                        }
                        for (; t < i; t++) {
                            s0 += row[t] * x[t];
                        }
                        // The second read of the row hits the cache; this loop vectorises.
                        for (t = 0; t < i; t++) {
                            acc[t] += xi * row[t];
                        }
                        acc[i] += (s0 + s1) + (s2 + s3) + row[i] * xi;
                    }
                });
                System.arraycopy(partial[0], 0, y, 0, n);
                for (int p = 1; p < parts; p++) {
                    double[] acc = partial[p];
                    for (int i = 0; i < n; i++) {
                        y[i] += acc[i];
                    }
                }
            }
        };
    }

    /**
     * Nyström: with landmarks L and W = K(L, L) = U Λ Uᵀ, the map φ(x) = Λ^(−1/2) Uᵀ k_L(x) gives
     * φ(x)·φ(y) = k_L(x)ᵀ W⁻¹ k_L(y) ≈ k(x, y), exact when every row is a landmark. Kernel PCA on
     * this approximation is linear PCA of the explicit features, whose covariance needs only
     * Σ k_L(x) k_L(x)ᵀ (m × m), accumulated over row chunks without storing an n × m matrix.
     */
    private static Fit nystroem(double[] x, int n, int d, List<String> features, KernelFunction kernel,
            KernelPcaSettings s, Workers workers, ExecutionContext context) {
        int k = s.components();
        int m = Math.min(n, s.landmarks());
        if (m <= k) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "'Landmarks' is %d, but the Nyström solver needs more landmarks than 'Components' (%d). "
                            + "Raise 'Landmarks' (a few hundred is typical).", m, k));
        }
        int[] chosen = sample(n, m, s.seed());
        double[] lx = new double[m * d];
        for (int i = 0; i < m; i++) {
            System.arraycopy(x, chosen[i] * d, lx, i * d, d);
        }
        var ref = KernelFunction.Reference.of(lx, m, d);
        double[] w = new double[m * m];
        double[] row = new double[m];
        for (int i = 0; i < m; i++) {
            kernel.row(lx, i * d, ref, row);
            System.arraycopy(row, 0, w, i * m, m);
        }
        SymmetricEigen we = SymmetricEigen.of(w, m);
        double cut = 1e-12 * Math.max(we.values()[0], Double.MIN_NORMAL);
        int r = 0;
        while (r < m && we.values()[r] > cut) {
            r++;
        }
        if (r <= k) {
            throw new InvalidInputException(String.format(Locale.ROOT, "The landmark kernel has only %d independent "
                    + "directions, not more than 'Components' (%d): the landmarks are nearly duplicates or gamma is "
                    + "extreme. Raise 'Landmarks', change 'Gamma', or use fewer components.", r, k));
        }
        // a[j][i] = U[j][i] / √λᵢ: the m × r map from landmark similarities to Nyström features.
        double[][] a = new double[r][m];
        for (int i = 0; i < r; i++) {
            double f = 1 / Math.sqrt(we.values()[i]);
            for (int j = 0; j < m; j++) {
                a[i][j] = we.vectors()[i][j] * f;
            }
        }
        ExecutionContext pass1 = context.subProgress(0.05, 0.6);
        int parts = workers.threads();
        double[][][] partial = new double[parts][m][m];
        double[][] partialSum = new double[parts][m];
        double[][] block = new double[Math.min(n, NYSTROM_CHUNK)][m];
        for (int from = 0; from < n; from += NYSTROM_CHUNK) {
            context.checkCanceled();
            pass1.progress((double) from / n, String.format(Locale.ROOT, "Landmark kernel rows %,d of %,d", from, n));
            int rows = Math.min(NYSTROM_CHUNK, n - from);
            int base = from;
            workers.forRows(rows, 64, (b, lo, hi) -> kernel.block(x, d, base + lo, base + hi, ref, false,
                    java.util.Arrays.copyOfRange(block, lo, hi)));
            int stripe = (rows + parts - 1) / parts;
            workers.run(parts, p -> {
                int lo = p * stripe;
                int hi = Math.min(rows, lo + stripe);
                if (lo < hi) {
                    Dense.gramRows(block, lo, hi, partial[p]);
                    double[] sum = partialSum[p];
                    for (int i = lo; i < hi; i++) {
                        double[] kr = block[i];
                        for (int j = 0; j < m; j++) {
                            sum[j] += kr[j];
                        }
                    }
                }
            });
        }
        double[] gram = new double[m * m];
        double[] sum = new double[m];
        for (int p = 0; p < parts; p++) {
            for (int i = 0; i < m; i++) {
                sum[i] += partialSum[p][i];
                for (int j = i; j < m; j++) {
                    gram[i * m + j] += partial[p][i][j];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                gram[i * m + j] = gram[j * m + i];
            }
        }
        double[] mu = new double[m];
        for (int j = 0; j < m; j++) {
            mu[j] = sum[j] / n;
        }
        // Centred second moment Σ (k − μ)(k − μ)ᵀ = Σ k kᵀ − n μ μᵀ, then S = Aᵀ C A (r × r).
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                gram[i * m + j] -= n * mu[i] * mu[j];
            }
        }
        context.checkCanceled();
        context.progress(0.6, "Eigendecomposition of the " + r + " × " + r + " Nyström covariance");
        double[][] ca = new double[r][m];
        for (int i = 0; i < r; i++) {
            double[] ai = a[i];
            double[] out = ca[i];
            for (int p = 0; p < m; p++) {
                double v = ai[p];
                if (v != 0) {
                    int base = p * m;
                    for (int q = 0; q < m; q++) {
                        out[q] += v * gram[base + q];
                    }
                }
            }
        }
        double[] sm = new double[r * r];
        for (int i = 0; i < r; i++) {
            for (int j = i; j < r; j++) {
                double v = Lanczos.dot(a[i], ca[j]);
                sm[i * r + j] = v;
                sm[j * r + i] = v;
            }
        }
        double trace = 0;
        for (int i = 0; i < r; i++) {
            trace += sm[i * r + i];
        }
        SymmetricEigen se = SymmetricEigen.of(sm, r);
        double[][] coef = new double[k][m];
        for (int c = 0; c < k; c++) {
            double[] v = se.vectors()[c];
            for (int i = 0; i < r; i++) {
                Lanczos.axpy(v[i], a[i], coef[c]);
            }
        }
        double[] eigenvalues = java.util.Arrays.copyOf(se.values(), k);
        for (int c = 0; c < k; c++) {
            if (!(eigenvalues[c] > 1e-12 * Math.max(eigenvalues[0], Double.MIN_NORMAL))) {
                context.warn(String.format(Locale.ROOT, "Component KPC%d has eigenvalue %.3g (not positive); its scores "
                        + "are set to 0.", c + 1, eigenvalues[c]));
                java.util.Arrays.fill(coef[c], 0);
            }
        }
        var model = new KernelPcaModel(features, kernel, ref, mu, 0, false, coef, eigenvalues, trace,
                KernelSolver.NYSTROM);
        double[] scores = model.project(x, n, workers, context.subProgress(0.65, 1));
        // Signs as the exact solver: the largest-magnitude score of each component is positive.
        for (int c = 0; c < k; c++) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(scores[i * k + c]) > Math.abs(scores[best * k + c])) {
                    best = i;
                }
            }
            if (scores[best * k + c] < 0) {
                for (int j = 0; j < m; j++) {
                    coef[c][j] = -coef[c][j];
                }
                for (int i = 0; i < n; i++) {
                    scores[i * k + c] = -scores[i * k + c];
                }
            }
        }
        return new Fit(model, scores);
    }

    /** {@code m} distinct row indices from {@code 0..n-1}, sorted, by a partial Fisher–Yates shuffle. */
    static int[] sample(int n, int m, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        var rnd = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(idx, m);
        java.util.Arrays.sort(out);
        return out;
    }

    int k() {
        return coef.length;
    }

    /** Scores of the rows of {@code x} (row-major {@code n × d}). */
    double[] project(double[] x, int n, Workers workers, ExecutionContext context) {
        int d = features.size();
        int k = k();
        int m = reference.count();
        double[] out = new double[n * k];
        double[] coefSum = new double[k];
        double[] meanDot = new double[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < m; j++) {
                coefSum[c] += coef[c][j];
                meanDot[c] += refMean[j] * coef[c][j];
            }
        }
        for (int from = 0; from < n; from += CHUNK) {
            context.checkCanceled();
            context.progress((double) from / n, String.format(Locale.ROOT, "Projecting rows %,d of %,d", from, n));
            int to = Math.min(n, from + CHUNK);
            int base = from;
            workers.forRows(to - from, 64, (b, lo, hi) -> {
                double[][] block = new double[hi - lo][m];
                kernel.block(x, d, base + lo, base + hi, reference, false, block);
                for (int i = base + lo; i < base + hi; i++) {
                    double[] row = block[i - base - lo];
                    double rowMean = 0;
                    if (centreRows) {
                        for (int j = 0; j < m; j++) {
                            rowMean += row[j];
                        }
                        rowMean /= m;
                    }
                    for (int c = 0; c < k; c++) {
                        // Σⱼ (kⱼ − rowMean − meanⱼ + grand) coefⱼ, expanded so the loop is one dot product.
                        out[i * k + c] = Lanczos.dot(row, coef[c]) + (grandMean - rowMean) * coefSum[c] - meanDot[c];
                    }
                }
            });
        }
        context.progress(1, "Projected");
        return out;
    }
}
