package dev.quiver.api.node;

import dev.quiver.api.port.PortObject;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;

/**
 * A context that passes every call to another; subclasses change only what they must (a work unit's
 * context drops progress, a time limit adds to cancellation). Forwarding every method — the default
 * ones such as {@link #backend()} and {@link #readPortObject} included — keeps a wrapper from quietly
 * replacing the engine's choices with the interface's defaults.
 */
public abstract class ForwardingExecutionContext implements ExecutionContext {
    protected final ExecutionContext delegate;

    protected ForwardingExecutionContext(ExecutionContext delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String nodeId() {
        return delegate.nodeId();
    }

    @Override
    public Path resolvePath(String path) {
        return delegate.resolvePath(path);
    }

    @Override
    public void progress(double fraction, String message) {
        delegate.progress(fraction, message);
    }

    @Override
    public ExecutionContext subProgress(double from, double to) {
        return delegate.subProgress(from, to);
    }

    @Override
    public boolean isCanceled() {
        return delegate.isCanceled();
    }

    @Override
    public void warn(String message) {
        delegate.warn(message);
    }

    @Override
    public Logger logger() {
        return delegate.logger();
    }

    @Override
    public RandomGenerator random() {
        return delegate.random();
    }

    @Override
    public int parallelism() {
        return delegate.parallelism();
    }

    @Override
    public WorkRunner workRunner() {
        return delegate.workRunner();
    }

    @Override
    public ExecutionBackend backend() {
        return delegate.backend();
    }

    @Override
    public void writePortObject(PortObject object, Path file) {
        delegate.writePortObject(object, file);
    }

    @Override
    public PortObject readPortObject(Path file) {
        return delegate.readPortObject(file);
    }
}
