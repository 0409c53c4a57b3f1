package dev.quiver.nodes.pca;

/** How Kernel PCA finds the leading eigenvectors of the centred kernel matrix. */
public enum KernelSolver {
    /**
     * DENSE when rows ≤ 500 or components ≥ rows / 4; ITERATIVE while the n × n kernel fits
     * 'Max kernel megabytes'; NYSTROM beyond (with a warning, since it approximates).
     */
    AUTO,
    /** Full eigendecomposition of the n × n kernel: exact, O(n³) time, three n × n matrices of memory. */
    DENSE,
    /** Thick-restart Lanczos for the top components only: exact to 1e-11, a few dozen n × n products. */
    ITERATIVE,
    /**
     * Nyström approximation: the kernel is approximated through 'Landmarks' sampled rows, so memory and
     * time grow linearly with n. With landmarks = rows it is exact.
     */
    NYSTROM
}
