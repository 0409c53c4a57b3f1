package dev.quiver.nodes.explain;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.WorkRunner;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;

/**
 * The context handed to {@code Model.predict} while an explanation calls it thousands of times: the
 * model's own per-call progress would overwrite the node's, so it is dropped; cancellation still
 * reaches the model.
 */
final class QuietContext implements ExecutionContext {
    private final ExecutionContext parent;

    QuietContext(ExecutionContext parent) {
        this.parent = parent;
    }

    @Override
    public String nodeId() {
        return parent.nodeId();
    }

    @Override
    public Path resolvePath(String path) {
        return parent.resolvePath(path);
    }

    @Override
    public void progress(double fraction, String message) {
        // The explanation reports its own progress.
    }

    @Override
    public ExecutionContext subProgress(double from, double to) {
        return this;
    }

    @Override
    public boolean isCanceled() {
        return parent.isCanceled();
    }

    @Override
    public void warn(String message) {
        parent.logger().debug("Model warning during explanation: {}", message);
    }

    @Override
    public Logger logger() {
        return parent.logger();
    }

    @Override
    public RandomGenerator random() {
        return parent.random();
    }

    @Override
    public int parallelism() {
        return parent.parallelism();
    }

    @Override
    public WorkRunner workRunner() {
        return parent.workRunner();
    }
}
