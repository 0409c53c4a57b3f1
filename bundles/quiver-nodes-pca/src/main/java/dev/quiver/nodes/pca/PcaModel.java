package dev.quiver.nodes.pca;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * A fitted PCA: per-column centre and scale, the unit component directions, and every
 * eigenvalue of the covariance matrix (not only the kept ones), so the variance table and the
 * scree plot show what was left out.
 *
 * @param features    input columns, in order
 * @param mean        column means of the training data
 * @param scale       column standard deviations (population, as scikit-learn's StandardScaler), or 1s
 * @param components  {@code components[c]} is the c-th unit direction in (scaled) feature space
 * @param eigenvalues all covariance eigenvalues (variance along each direction, n − 1 denominator), largest first
 * @param whiten      whether scores are divided by √eigenvalue
 * @param solver      the solver actually used
 */
record PcaModel(List<String> features, double[] mean, double[] scale, double[][] components, double[] eigenvalues,
        boolean whiten, PcaSolver solver) {

    /** Rows at least this many times the columns make AUTO choose the covariance route. */
    static final int TALL_RATIO = 10;

    int k() {
        return components.length;
    }

    double totalVariance() {
        double s = 0;
        for (double e : eigenvalues) {
            s += e;
        }
        return s;
    }

    double[] ratios() {
        double total = totalVariance();
        double[] r = new double[eigenvalues.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = total > 0 ? eigenvalues[i] / total : 0;
        }
        return r;
    }

    /** The fit plus the training scores, which the node outputs without projecting twice. */
    record Fit(PcaModel model, double[] scores) {
    }

    /** Fits on the columns {@code x[a]} (length n each), which it overwrites with the centred data. */
    static Fit fit(double[][] x, int n, List<String> features, PcaSettings s, ExecutionContext context) {
        int d = features.size();
        if (n < 2) {
            throw new InvalidInputException("PCA needs at least 2 rows, but the input has " + n
                    + ". Connect a table with more rows.");
        }
        int rank = Math.min(n, d);
        if (s.componentRule() == ComponentRule.COUNT && s.components() > rank) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "'Components' is %d, but the data has only %d rows × %d columns, so at most %d components exist. "
                            + "Choose at most %d components.", s.components(), n, d, rank, rank));
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int a = 0; a < d; a++) {
            double sum = 0;
            for (double v : x[a]) {
                sum += v;
            }
            mean[a] = sum / n;
        }
        java.util.Arrays.fill(scale, 1.0);
        if (s.scale()) {
            double[] ss = new double[d];
            for (int a = 0; a < d; a++) {
                for (double value : x[a]) {
                    double v = value - mean[a];
                    ss[a] += v * v;
                }
            }
            var constant = new ArrayList<String>();
            for (int a = 0; a < d; a++) {
                scale[a] = Math.sqrt(ss[a] / n);
                if (!(scale[a] > 1e-12 * Math.max(1, Math.abs(mean[a])))) {
                    constant.add(features.get(a));
                }
            }
            if (!constant.isEmpty()) {
                throw new InvalidInputException("Column(s) " + String.join(", ", constant) + " are constant (standard "
                        + "deviation 0), so 'Scale' would divide by zero. Remove them from 'Columns', or turn 'Scale' off.");
            }
        }
        context.checkCanceled();
        context.progress(0.1, "Centring " + n + " rows");
        // x belongs to this fit (read fresh from the table), so it is centred in place.
        double[][] z = x;
        for (int a = 0; a < d; a++) {
            double[] col = z[a];
            double m = mean[a];
            double f = 1 / scale[a];
            for (int i = 0; i < n; i++) {
                col[i] = (col[i] - m) * f;
            }
        }
        PcaSolver solver = s.solver();
        if (solver == PcaSolver.AUTO) {
            solver = n >= TALL_RATIO * d ? PcaSolver.COVARIANCE : PcaSolver.SVD;
        }
        double[] eigenvalues;
        double[][] directions;
        try (var workers = new Workers(context.parallelism())) {
            context.progress(0.2, solver == PcaSolver.SVD ? "Singular value decomposition" : "Covariance matrix");
            if (solver == PcaSolver.COVARIANCE) {
                double[] c = Dense.gramColumns(z, n, d, workers, context);
                for (int i = 0; i < c.length; i++) {
                    c[i] /= n - 1;
                }
                context.checkCanceled();
                context.progress(0.6, "Eigendecomposition of the " + d + " × " + d + " covariance matrix");
                SymmetricEigen eig = SymmetricEigen.of(c, d);
                eigenvalues = new double[rank];
                directions = new double[rank][];
                for (int i = 0; i < rank; i++) {
                    // Round-off can leave tiny negative variances for rank-deficient data.
                    eigenvalues[i] = Math.max(0, eig.values()[i]);
                    directions[i] = eig.vectors()[i];
                }
            } else {
                DMatrixRMaj m = new DMatrixRMaj(n, d);
                for (int a = 0; a < d; a++) {
                    for (int i = 0; i < n; i++) {
                        m.unsafe_set(i, a, z[a][i]);
                    }
                }
                SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, true, true);
                if (!svd.decompose(m)) {
                    throw new IllegalStateException("The SVD of the " + n + " × " + d + " matrix did not converge");
                }
                double[] sv = svd.getSingularValues();
                DMatrixRMaj vt = svd.getV(null, true);
                int count = svd.numberOfSingularValues();
                Integer[] order = new Integer[count];
                for (int i = 0; i < count; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (p, q) -> Double.compare(sv[q], sv[p]));
                eigenvalues = new double[rank];
                directions = new double[rank][];
                for (int i = 0; i < rank; i++) {
                    eigenvalues[i] = sv[order[i]] * sv[order[i]] / (n - 1);
                    double[] v = new double[d];
                    for (int a = 0; a < d; a++) {
                        v[a] = vt.get(order[i], a);
                    }
                    directions[i] = v;
                }
            }
            context.checkCanceled();
            int k = s.componentRule() == ComponentRule.COUNT ? s.components() : countFor(eigenvalues, s.varianceFraction());
            double[][] kept = java.util.Arrays.copyOf(directions, k);
            context.progress(0.8, "Projecting " + n + " rows onto " + k + " components");
            double[] scores = Dense.projectColumns(z, n, kept, workers);
            // scikit-learn's svd_flip: the largest-magnitude score of each component is positive.
            for (int c = 0; c < k; c++) {
                int best = 0;
                for (int i = 1; i < n; i++) {
                    if (Math.abs(scores[i * k + c]) > Math.abs(scores[best * k + c])) {
                        best = i;
                    }
                }
                if (scores[best * k + c] < 0) {
                    for (int a = 0; a < d; a++) {
                        kept[c][a] = -kept[c][a];
                    }
                    for (int i = 0; i < n; i++) {
                        scores[i * k + c] = -scores[i * k + c];
                    }
                }
            }
            if (s.whiten()) {
                for (int c = 0; c < k; c++) {
                    double f = eigenvalues[c] > 0 ? 1 / Math.sqrt(eigenvalues[c]) : 0;
                    if (f == 0) {
                        context.warn("Component PC" + (c + 1) + " has zero variance; its whitened scores are set to 0.");
                    }
                    for (int i = 0; i < n; i++) {
                        scores[i * k + c] *= f;
                    }
                }
            }
            return new Fit(new PcaModel(features, mean, scale, kept, eigenvalues, s.whiten(), solver), scores);
        }
    }

    /** scikit-learn's rule: the fewest components whose cumulative ratio exceeds the fraction. */
    static int countFor(double[] eigenvalues, double fraction) {
        double total = 0;
        for (double e : eigenvalues) {
            total += e;
        }
        double cum = 0;
        for (int i = 0; i < eigenvalues.length; i++) {
            cum += eigenvalues[i] / total;
            if (cum > fraction) {
                return i + 1;
            }
        }
        return eigenvalues.length;
    }

    /** Scores of new rows given as columns (overwritten), exactly as the fit scored its own rows. */
    double[] project(double[][] x, int n, Workers workers) {
        int d = features.size();
        for (int a = 0; a < d; a++) {
            double[] col = x[a];
            double m = mean[a];
            double f = 1 / scale[a];
            for (int i = 0; i < n; i++) {
                col[i] = (col[i] - m) * f;
            }
        }
        int k = k();
        double[] scores = Dense.projectColumns(x, n, components, workers);
        if (whiten) {
            for (int c = 0; c < k; c++) {
                double f = eigenvalues[c] > 0 ? 1 / Math.sqrt(eigenvalues[c]) : 0;
                for (int i = 0; i < n; i++) {
                    scores[i * k + c] *= f;
                }
            }
        }
        return scores;
    }

    /** Maps scores ({@code n × k}, row-major) back to the original feature space ({@code n × d}). */
    double[] reconstruct(double[] scores, int n) {
        int d = features.size();
        int k = k();
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double sc = scores[i * k + c];
                if (whiten) {
                    sc *= Math.sqrt(eigenvalues[c]);
                }
                double[] v = components[c];
                for (int a = 0; a < d; a++) {
                    out[i * d + a] += sc * v[a];
                }
            }
            for (int a = 0; a < d; a++) {
                out[i * d + a] = out[i * d + a] * scale[a] + mean[a];
            }
        }
        return out;
    }
}
