package dev.quiver.nodes.pca;

import dev.quiver.api.node.ExecutionContext;

/** The few dense kernels PCA needs, written so the JIT vectorises their inner loops. */
final class Dense {
    private Dense() {
    }

    /**
     * Adds the upper triangle of Σ rᵢ rᵢᵀ over {@code rows[from..to)} (each of length m) to
     * {@code g} (m arrays of m). Four rows at a time, so each entry of g is loaded once per four
     * rows; g's rows and the data rows share the index c, which the JIT vectorises.
     */
    static void gramRows(double[][] rows, int from, int to, double[][] g) {
        int m = g.length;
        int i = from;
        for (; i + 3 < to; i += 4) {
            double[] r0 = rows[i];
            double[] r1 = rows[i + 1];
            double[] r2 = rows[i + 2];
            double[] r3 = rows[i + 3];
            for (int a = 0; a < m; a++) {
                double x0 = r0[a];
                double x1 = r1[a];
                double x2 = r2[a];
                double x3 = r3[a];
                double[] ga = g[a];
                for (int c = a; c < m; c++) {
                    ga[c] += x0 * r0[c] + x1 * r1[c] + x2 * r2[c] + x3 * r3[c];
                }
            }
        }
        for (; i < to; i++) {
            double[] r0 = rows[i];
            for (int a = 0; a < m; a++) {
                double x0 = r0[a];
                double[] ga = g[a];
                for (int c = a; c < m; c++) {
                    ga[c] += x0 * r0[c];
                }
            }
        }
    }

    /**
     * {@code Zᵀ Z} from the columns of Z (each of length n), as a full symmetric row-major
     * {@code d × d} array. Two columns are multiplied against four at a time with eight running
     * sums, so each loaded value feeds several multiply-adds; rows go in cache-sized chunks split
     * among the workers, each with its own accumulator.
     */
    static double[] gramColumns(double[][] cols, int n, int d, Workers workers, ExecutionContext context) {
        int padded = (d + 3) / 4 * 4;
        double[] zero = new double[n];
        double[][] c = new double[padded][];
        for (int a = 0; a < padded; a++) {
            c[a] = a < d ? cols[a] : zero;
        }
        int chunk = 2048;
        int chunks = (n + chunk - 1) / chunk;
        int parts = workers.threads();
        double[][] partial = new double[parts][padded * padded];
        workers.run(parts, p -> {
            double[] g = partial[p];
            for (int ch = p; ch < chunks; ch += parts) {
                if ((ch & 15) == 0) {
                    context.checkCanceled();
                }
                int lo = ch * chunk;
                int hi = Math.min(n, lo + chunk);
                for (int a = 0; a < padded; a += 2) {
                    double[] a0 = c[a];
                    double[] a1 = c[a + 1];
                    for (int b = a / 4 * 4; b < padded; b += 4) {
                        double[] b0 = c[b];
                        double[] b1 = c[b + 1];
                        double[] b2 = c[b + 2];
                        double[] b3 = c[b + 3];
                        double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                        for (int i = lo; i < hi; i++) {
                            double x0 = a0[i];
                            double x1 = a1[i];
                            double y0 = b0[i];
                            double y1 = b1[i];
                            double y2 = b2[i];
                            double y3 = b3[i];
                            s00 += x0 * y0;
                            s01 += x0 * y1;
                            s02 += x0 * y2;
                            s03 += x0 * y3;
                            s10 += x1 * y0;
                            s11 += x1 * y1;
                            s12 += x1 * y2;
                            s13 += x1 * y3;
                        }
                        int r0 = a * padded + b;
                        int r1 = r0 + padded;
                        g[r0] += s00;
                        g[r0 + 1] += s01;
                        g[r0 + 2] += s02;
                        g[r0 + 3] += s03;
                        g[r1] += s10;
                        g[r1 + 1] += s11;
                        g[r1 + 2] += s12;
                        g[r1 + 3] += s13;
                    }
                }
            }
        });
        double[] out = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double v = 0;
                for (double[] g : partial) {
                    v += g[a * padded + b];
                }
                out[a * d + b] = v;
                out[b * d + a] = v;
            }
        }
        return out;
    }

    /**
     * Row-major {@code n × k} scores from the columns of Z: score column c is Σₐ vₐ · columnₐ, a run
     * of long axpy loops that the JIT vectorises (score and data columns share the row index).
     */
    static double[] projectColumns(double[][] cols, int n, double[][] vectors, Workers workers) {
        int k = vectors.length;
        int d = cols.length;
        double[][] score = new double[k][n];
        workers.forRows(n, 8192, (blk, from, to) -> {
            for (int c = 0; c < k; c++) {
                double[] acc = score[c];
                double[] v = vectors[c];
                for (int a = 0; a < d; a++) {
                    double va = v[a];
                    double[] col = cols[a];
                    for (int i = from; i < to; i++) {
                        acc[i] += va * col[i];
                    }
                }
            }
        });
        double[] out = new double[n * k];
        for (int c = 0; c < k; c++) {
            double[] sc = score[c];
            for (int i = 0; i < n; i++) {
                out[i * k + c] = sc[i];
            }
        }
        return out;
    }
}
