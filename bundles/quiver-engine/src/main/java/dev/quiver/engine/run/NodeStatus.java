package dev.quiver.engine.run;

import java.util.List;

/**
 * A node's state for listeners and reports. {@code error} is set when {@code message} explains a
 * problem the user must fix (a configure error, a failure); otherwise the message is informative.
 */
public record NodeStatus(String nodeId, NodeState state, String message, boolean error, List<String> warnings) {
    public NodeStatus {
        warnings = List.copyOf(warnings);
    }
}
