package dev.quiver.engine.run;

/** The life of a node in a run. */
public enum NodeState {
    /** Not configured: an input is missing or unconfigured, or configure reported an error. */
    IDLE,
    /** Configured: output specs are known, ready to execute. */
    CONFIGURED,
    EXECUTING,
    /** Executed: outputs are cached until the node or an upstream node changes. */
    EXECUTED,
    FAILED
}
