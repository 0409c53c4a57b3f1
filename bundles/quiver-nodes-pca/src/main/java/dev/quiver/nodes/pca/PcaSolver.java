package dev.quiver.nodes.pca;

/** How PCA finds its directions. */
public enum PcaSolver {
    /**
     * COVARIANCE when the table has at least 10 times as many rows as columns (one pass builds
     * the small d × d matrix; its eigenvalues are exact to about 1e-16 relative to the largest,
     * ample for variance ratios), SVD otherwise.
     */
    AUTO,
    /** Singular value decomposition of the centred n × d matrix: the most accurate, O(n d²) with a larger constant. */
    SVD,
    /** Eigendecomposition of the d × d covariance matrix: one fast pass over the rows, then d³ work. */
    COVARIANCE
}
