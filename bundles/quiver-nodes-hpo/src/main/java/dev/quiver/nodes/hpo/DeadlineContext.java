package dev.quiver.nodes.hpo;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.ForwardingExecutionContext;

/**
 * The node's context, but "cancelled" once the time limit has passed as well: the work runner then
 * stops starting trials and running ones stop at their next check, exactly as on a user's cancel.
 * The node tells the two apart afterwards by asking the real context.
 */
final class DeadlineContext extends ForwardingExecutionContext {
    private final long deadlineNanos;

    private DeadlineContext(ExecutionContext node, long deadlineNanos) {
        super(node);
        this.deadlineNanos = deadlineNanos;
    }

    /** The node's context with a limit of {@code seconds} from now; 0 or less means no limit. */
    static DeadlineContext after(ExecutionContext node, double seconds) {
        return new DeadlineContext(node, seconds <= 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9));
    }

    boolean expired() {
        return deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos >= 0;
    }

    @Override
    public boolean isCanceled() {
        return delegate.isCanceled() || expired();
    }

    /** A part of the work keeps the same deadline. */
    @Override
    public ExecutionContext subProgress(double from, double to) {
        return new DeadlineContext(delegate.subProgress(from, to), deadlineNanos);
    }
}
