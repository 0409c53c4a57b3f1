package dev.quiver.api.port;

/** What a learner predicts. */
public enum Task {
    /** A nominal label; the model outputs a class and one probability per class. */
    CLASSIFICATION,
    /** A numeric label. */
    REGRESSION
}
