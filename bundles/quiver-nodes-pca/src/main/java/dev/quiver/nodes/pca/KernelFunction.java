package dev.quiver.nodes.pca;

/**
 * Evaluates a kernel between blocks of rows and a fixed set of reference rows. Dot products are
 * formed as row × (referenceᵀ) with the reference rows stored transposed, so the inner loop is an
 * axpy over reference rows, which the JIT vectorises; RBF uses ‖x‖² + ‖y‖² − 2 x·y like
 * scikit-learn.
 */
record KernelFunction(KernelType type, double gamma, int degree, double coef0) {

    /** The reference rows, prepared once: transposed values and squared norms. */
    record Reference(int count, int dims, double[][] transposed, double[] sqNorms) {
        static Reference of(double[] rows, int count, int dims) {
            double[][] t = new double[dims][count];
            double[] norms = new double[count];
            for (int i = 0; i < count; i++) {
                double s = 0;
                for (int a = 0; a < dims; a++) {
                    double x = rows[i * dims + a];
                    t[a][i] = x;
                    s += x * x;
                }
                norms[i] = s;
            }
            return new Reference(count, dims, t, norms);
        }
    }

    /** Fills {@code out} (length ref.count) with k(row, reference_j) for the row at {@code offset} of {@code rows}. */
    void row(double[] rows, int offset, Reference ref, double[] out) {
        int dims = ref.dims();
        double[] one = java.util.Arrays.copyOfRange(rows, offset, offset + dims);
        block(one, dims, 0, 1, ref, false, new double[][] {out});
    }

    /** Columns of reference rows per tile: the tile of the transposed reference stays in L2 across a row block. */
    private static final int TILE = 512;

    /**
     * Kernel rows {@code i0..i1} of {@code rows} (row-major, {@code dims} wide) against the reference:
     * {@code out[r − i0][j]} = k(row r, reference j). With {@code lower} the rows belong to the
     * reference itself and row r gets only columns 0..r, the lower triangle of a symmetric kernel.
     * Dot products are accumulated tile by tile, so each tile of the transposed reference is read
     * from cache for all rows of the block; output and reference share the index j, which lets the
     * JIT vectorise the loop (it does not when the two offsets differ).
     */
    void block(double[] rows, int dims, int i0, int i1, Reference ref, boolean lower, double[][] out) {
        int m = ref.count();
        double[][] t = ref.transposed();
        for (int r = i0; r < i1; r++) {
            java.util.Arrays.fill(out[r - i0], 0, lower ? r + 1 : m, 0.0);
        }
        int end = lower ? Math.min(m, i1) : m;
        for (int j0 = 0; j0 < end; j0 += TILE) {
            for (int r = i0; r < i1; r++) {
                int j1 = Math.min(lower ? r + 1 : m, j0 + TILE);
                if (j0 >= j1) {
                    continue;
                }
                double[] o = out[r - i0];
                int base = r * dims;
                for (int a = 0; a < dims; a++) {
                    double x = rows[base + a];
                    if (x != 0) {
                        double[] col = t[a];
                        for (int j = j0; j < j1; j++) {
                            o[j] += x * col[j];
                        }
                    }
                }
            }
        }
        for (int r = i0; r < i1; r++) {
            double sq = 0;
            for (int a = 0; a < dims; a++) {
                double x = rows[r * dims + a];
                sq += x * x;
            }
            finish(out[r - i0], lower ? r + 1 : m, sq, ref.sqNorms());
        }
    }

    /** Turns dot products {@code out[0..len)} into kernel values. */
    private void finish(double[] out, int len, double sq, double[] norms) {
        switch (type) {
            case LINEAR -> {
            }
            case POLYNOMIAL -> {
                for (int j = 0; j < len; j++) {
                    out[j] = power(gamma * out[j] + coef0, degree);
                }
            }
            case RBF -> {
                for (int j = 0; j < len; j++) {
                    double d2 = Math.max(0, sq + norms[j] - 2 * out[j]);
                    out[j] = Math.exp(-gamma * d2);
                }
            }
            case SIGMOID -> {
                for (int j = 0; j < len; j++) {
                    out[j] = Math.tanh(gamma * out[j] + coef0);
                }
            }
            case COSINE -> {
                // A zero row has no direction; scikit-learn's normalize leaves it at zero similarity.
                double nx = Math.sqrt(sq);
                for (int j = 0; j < len; j++) {
                    double den = nx * Math.sqrt(norms[j]);
                    out[j] = den == 0 ? 0 : out[j] / den;
                }
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    private static double power(double base, int exponent) {
        double r = 1;
        for (int i = 0; i < exponent; i++) {
            r *= base;
        }
        return r;
    }

    /** A short formula for messages and details. */
    String describe() {
        return switch (type) {
            case LINEAR -> "linear x·y";
            case POLYNOMIAL -> "polynomial (" + gamma + " x·y + " + coef0 + ")^" + degree;
            case RBF -> "RBF exp(−" + gamma + " ‖x − y‖²)";
            case SIGMOID -> "sigmoid tanh(" + gamma + " x·y + " + coef0 + ")";
            case COSINE -> "cosine x·y / (‖x‖ ‖y‖)";
        };
    }
}
