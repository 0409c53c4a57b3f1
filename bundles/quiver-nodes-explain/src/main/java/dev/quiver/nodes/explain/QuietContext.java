package dev.quiver.nodes.explain;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.ForwardingExecutionContext;

/**
 * The context handed to {@code Model.predict} while an explanation calls it thousands of times: the
 * model's own per-call progress would overwrite the node's, so it is dropped, and so are its
 * per-call warnings (logged at debug level); cancellation still reaches the model.
 */
final class QuietContext extends ForwardingExecutionContext {

    QuietContext(ExecutionContext parent) {
        super(parent);
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
    public void warn(String message) {
        delegate.logger().debug("Model warning during explanation: {}", message);
    }
}
