package dev.quiver.nodes.hpo;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.WorkRunner;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;

/**
 * The node's context, but "cancelled" once the time limit has passed as well: the work runner then
 * stops starting trials and running ones stop at their next check, exactly as on a user's cancel.
 * The node tells the two apart afterwards by asking the real context.
 */
final class DeadlineContext implements ExecutionContext {
    private final ExecutionContext node;
    private final long deadlineNanos;

    DeadlineContext(ExecutionContext node, double seconds) {
        this.node = node;
        this.deadlineNanos = seconds <= 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
    }

    boolean expired() {
        return deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0;
    }

    @Override
    public boolean isCanceled() {
        return node.isCanceled() || expired();
    }

    @Override
    public String nodeId() {
        return node.nodeId();
    }

    @Override
    public Path resolvePath(String path) {
        return node.resolvePath(path);
    }

    @Override
    public void progress(double fraction, String message) {
        node.progress(fraction, message);
    }

    @Override
    public ExecutionContext subProgress(double from, double to) {
        return node.subProgress(from, to);
    }

    @Override
    public void warn(String message) {
        node.warn(message);
    }

    @Override
    public Logger logger() {
        return node.logger();
    }

    @Override
    public RandomGenerator random() {
        return node.random();
    }

    @Override
    public int parallelism() {
        return node.parallelism();
    }

    @Override
    public WorkRunner workRunner() {
        return node.workRunner();
    }
}
