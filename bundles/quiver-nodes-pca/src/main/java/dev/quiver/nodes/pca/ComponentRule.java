package dev.quiver.nodes.pca;

/** How many principal components PCA keeps. */
public enum ComponentRule {
    /** Exactly 'Components' components. */
    COUNT,
    /** The fewest components whose cumulative explained variance exceeds 'Variance fraction'. */
    VARIANCE_FRACTION
}
