package dev.quiver.engine.run;

/**
 * Follows a run: the command line's progress display and the editor's event stream both listen.
 * Called from worker threads; implementations must be thread-safe and quick.
 */
public interface WorkflowListener {
    default void stateChanged(NodeStatus status) {
    }

    /** {@code fraction} in [0, 1] of the node's own work. */
    default void progress(String nodeId, double fraction, String message) {
    }

    default void warning(String nodeId, String message) {
    }

    WorkflowListener NONE = new WorkflowListener() {
    };
}
