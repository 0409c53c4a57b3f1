package dev.quiver.nodes.pca;

/** The kernels Kernel PCA offers; each is an inner product in some feature space. */
public enum KernelType {
    /** k(x, y) = x·y: plain PCA, computed through the n × n Gram matrix. */
    LINEAR,
    /** k(x, y) = (γ x·y + coef0)^degree: all monomials up to the degree. */
    POLYNOMIAL,
    /** k(x, y) = exp(−γ ‖x − y‖²): an infinite-dimensional feature space; γ sets the length scale. */
    RBF,
    /** k(x, y) = tanh(γ x·y + coef0); not positive definite for every γ, coef0. */
    SIGMOID,
    /** k(x, y) = x·y / (‖x‖ ‖y‖): the angle between rows, ignoring their length. */
    COSINE
}
