package dev.quiver.nodes.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.api.CanceledException;
import dev.quiver.testkit.TestContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LanczosTest {

    /** A random symmetric matrix with a prescribed spectrum, including a near-double top pair. */
    private static double[][] matrix(int n, double[] spectrum, long seed) {
        var rnd = new SplittableRandom(seed);
        double[][] q = new double[n][n];
        for (double[] row : q) {
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        // Gram–Schmidt over columns gives an orthogonal Q; A = Q diag(spectrum) Qᵀ.
        for (int c = 0; c < n; c++) {
            for (int p = 0; p < c; p++) {
                double d = 0;
                for (int i = 0; i < n; i++) {
                    d += q[i][c] * q[i][p];
                }
                for (int i = 0; i < n; i++) {
                    q[i][c] -= d * q[i][p];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[i][c] * q[i][c];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i][c] /= norm;
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < n; c++) {
                    s += q[i][c] * spectrum[c] * q[j][c];
                }
                a[i][j] = s;
            }
        }
        return a;
    }

    private static Lanczos.Operator op(double[][] a) {
        return new Lanczos.Operator() {
            @Override
            public int size() {
                return a.length;
            }

            @Override
            public void multiply(double[] x, double[] y) {
                for (int i = 0; i < a.length; i++) {
                    y[i] = Lanczos.dot(a[i], x);
                }
            }
        };
    }

    @Test
    void findsTheLargestEigenpairsOfASlowlyDecayingSpectrum() {
        int n = 300;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = 1.0 / (1 + 0.05 * i) - 0.2;
        }
        spectrum[1] = spectrum[0] - 1e-4;
        double[][] a = matrix(n, spectrum, 1);
        SymmetricEigen eig = Lanczos.largest(op(a), 4, 3, TestContext.create());
        for (int c = 0; c < 4; c++) {
            assertEquals(spectrum[c], eig.values()[c], 1e-12, "eigenvalue " + c);
            double[] v = eig.vectors()[c];
            double[] av = new double[n];
            op(a).multiply(v, av);
            double residual = 0;
            for (int i = 0; i < n; i++) {
                residual += (av[i] - spectrum[c] * v[i]) * (av[i] - spectrum[c] * v[i]);
            }
            assertEquals(0, Math.sqrt(residual), 1e-8, "residual " + c);
        }
    }

    @Test
    void smallMatricesUseTheWholeSpace() {
        double[] spectrum = {5, 4, 3, 2, 1, 0.5};
        SymmetricEigen eig = Lanczos.largest(op(matrix(6, spectrum, 2)), 2, 1, TestContext.create());
        assertEquals(5, eig.values()[0], 1e-12);
        assertEquals(4, eig.values()[1], 1e-12);
    }

    @Test
    void cancellationIsCheckedBetweenProducts() {
        double[] spectrum = new double[200];
        for (int i = 0; i < 200; i++) {
            spectrum[i] = 1.0 / (i + 1);
        }
        var context = TestContext.create();
        context.cancel();
        assertThrows(CanceledException.class, () -> Lanczos.largest(op(matrix(200, spectrum, 4)), 2, 1, context));
    }
}
