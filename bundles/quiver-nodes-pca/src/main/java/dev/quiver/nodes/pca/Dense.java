package dev.quiver.nodes.pca;

import dev.quiver.api.node.ExecutionContext;

/** The few dense kernels PCA needs, written so the JIT vectorises their inner loops. */
final class Dense {
    private Dense() {
    }

    /**
     * {@code Zᵀ Z} of the row-major {@code n × d} matrix, as a full symmetric row-major {@code d × d}
     * array. Rows go four at a time so each entry of the accumulator is loaded once per four rows;
     * each worker owns its accumulator, summed at the end.
     */
    static double[] gram(double[] z, int n, int d, Workers workers, ExecutionContext context) {
        int blocks = workers.threads();
        double[][] partial = new double[blocks][];
        int size = (n + blocks - 1) / blocks;
        workers.run(blocks, b -> {
            int from = b * size;
            int to = Math.min(n, from + size);
            double[] g = new double[d * d];
            int i = from;
            for (; i + 3 < to; i += 4) {
                if ((i & 0x3fff) == 0) {
                    context.checkCanceled();
                }
                int r0 = i * d;
                int r1 = r0 + d;
                int r2 = r1 + d;
                int r3 = r2 + d;
                for (int a = 0; a < d; a++) {
                    double x0 = z[r0 + a];
                    double x1 = z[r1 + a];
                    double x2 = z[r2 + a];
                    double x3 = z[r3 + a];
                    int ga = a * d;
                    for (int c = a; c < d; c++) {
                        g[ga + c] += x0 * z[r0 + c] + x1 * z[r1 + c] + x2 * z[r2 + c] + x3 * z[r3 + c];
                    }
                }
            }
            for (; i < to; i++) {
                int r0 = i * d;
                for (int a = 0; a < d; a++) {
                    double x0 = z[r0 + a];
                    int ga = a * d;
                    for (int c = a; c < d; c++) {
                        g[ga + c] += x0 * z[r0 + c];
                    }
                }
            }
            partial[b] = g;
        });
        double[] g = new double[d * d];
        for (double[] p : partial) {
            if (p != null) {
                for (int i = 0; i < g.length; i++) {
                    g[i] += p[i];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int c = 0; c < a; c++) {
                g[a * d + c] = g[c * d + a];
            }
        }
        return g;
    }

    /**
     * Row-major {@code n × k} product of the row-major {@code n × d} matrix {@code z} and the
     * {@code d × k} matrix whose columns are {@code vectors[c]} (length d).
     */
    static double[] project(double[] z, int n, int d, double[][] vectors, Workers workers) {
        int k = vectors.length;
        double[] out = new double[n * k];
        workers.forRows(n, 4096, (b, from, to) -> {
            for (int i = from; i < to; i++) {
                int r = i * d;
                for (int c = 0; c < k; c++) {
                    double[] v = vectors[c];
                    double s = 0;
                    for (int a = 0; a < d; a++) {
                        s += z[r + a] * v[a];
                    }
                    out[i * k + c] = s;
                }
            }
        });
        return out;
    }
}
