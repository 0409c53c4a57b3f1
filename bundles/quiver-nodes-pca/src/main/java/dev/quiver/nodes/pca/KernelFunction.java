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
        int m = ref.count();
        java.util.Arrays.fill(out, 0, m, 0.0);
        double sq = 0;
        for (int a = 0; a < ref.dims(); a++) {
            double x = rows[offset + a];
            sq += x * x;
            if (x != 0) {
                double[] col = ref.transposed()[a];
                for (int j = 0; j < m; j++) {
                    out[j] += x * col[j];
                }
            }
        }
        double[] norms = ref.sqNorms();
        switch (type) {
            case LINEAR -> {
            }
            case POLYNOMIAL -> {
                for (int j = 0; j < m; j++) {
                    out[j] = power(gamma * out[j] + coef0, degree);
                }
            }
            case RBF -> {
                for (int j = 0; j < m; j++) {
                    double d2 = Math.max(0, sq + norms[j] - 2 * out[j]);
                    out[j] = Math.exp(-gamma * d2);
                }
            }
            case SIGMOID -> {
                for (int j = 0; j < m; j++) {
                    out[j] = Math.tanh(gamma * out[j] + coef0);
                }
            }
            case COSINE -> {
                // A zero row has no direction; scikit-learn's normalize leaves it at zero similarity.
                double nx = Math.sqrt(sq);
                for (int j = 0; j < m; j++) {
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
