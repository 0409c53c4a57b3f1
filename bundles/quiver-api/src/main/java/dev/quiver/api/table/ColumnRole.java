package dev.quiver.api.table;

/** What a column is for. Roles travel with the spec, so downstream nodes can choose sensible defaults. */
public enum ColumnRole {
    /** An input to a model. The default. */
    FEATURE,
    /** The value a model learns to predict. */
    LABEL,
    /** A prediction written by a model. */
    PREDICTION,
    /** A predicted class probability; the class is in the column property {@code class}. */
    PROBABILITY,
    /** Identifies a row; never a feature. */
    ID,
    /** Carried along but not used for learning. */
    META
}
