package dev.quiver.engine.run;

import java.time.Duration;
import java.util.List;

/** The outcome of one execution: every node's status, whether all requested nodes ran, and the time taken. */
public record RunResult(boolean success, boolean canceled, List<NodeStatus> statuses, Duration elapsed) {
    public RunResult {
        statuses = List.copyOf(statuses);
    }

    public List<NodeStatus> failures() {
        return statuses.stream().filter(NodeStatus::error).toList();
    }
}
