package dev.quiver.nodes.pca;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigenpairs of a symmetric matrix, sorted by decreasing eigenvalue. EJML's symmetric QR
 * algorithm does the work; this only sorts and fixes signs so results are reproducible.
 *
 * @param values  eigenvalues, largest first
 * @param vectors column-major: {@code vectors[j]} is the j-th unit eigenvector
 */
record SymmetricEigen(double[] values, double[][] vectors) {

    /** Full decomposition of the {@code n × n} symmetric matrix stored row-major in {@code a}. */
    static SymmetricEigen of(double[] a, int n) {
        DMatrixRMaj m = DMatrixRMaj.wrap(n, n, a.clone());
        EigenDecomposition_F64<DMatrixRMaj> eig = decomposition(true);
        if (!eig.decompose(m)) {
            throw new IllegalStateException("The symmetric eigendecomposition of a " + n + " × " + n
                    + " matrix did not converge");
        }
        Integer[] order = new Integer[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            raw[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(raw[y], raw[x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        for (int i = 0; i < n; i++) {
            values[i] = raw[order[i]];
            vectors[i] = eig.getEigenVector(order[i]).getData().clone();
        }
        return new SymmetricEigen(values, vectors);
    }

    /**
     * EJML's symmetric QR algorithm with a generous iteration cap: its default gives up on kernel
     * matrices whose hundreds of eigenvalues cluster near zero (an RBF kernel with large gamma).
     */
    private static EigenDecomposition_F64<DMatrixRMaj> decomposition(boolean vectors) {
        var eig = new SymmetricQRAlgorithmDecomposition_DDRM(vectors);
        eig.setMaxIterations(MAX_ITERATIONS);
        return eig;
    }

    private static final int MAX_ITERATIONS = 10_000;

    /** Eigenvalues of a row-major symmetric matrix, without vectors (cheaper). */
    static double[] valuesOf(double[] a, int n) {
        DMatrixRMaj m = DMatrixRMaj.wrap(n, n, a.clone());
        EigenDecomposition_F64<DMatrixRMaj> eig = decomposition(false);
        if (!eig.decompose(m)) {
            throw new IllegalStateException("The symmetric eigendecomposition did not converge");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = eig.getEigenvalue(i).getReal();
        }
        java.util.Arrays.sort(v);
        for (int i = 0; i < n / 2; i++) {
            double t = v[i];
            v[i] = v[n - 1 - i];
            v[n - 1 - i] = t;
        }
        return v;
    }
}
