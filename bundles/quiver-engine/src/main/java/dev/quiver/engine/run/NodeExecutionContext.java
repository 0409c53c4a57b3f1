package dev.quiver.engine.run;

import dev.quiver.api.node.ExecutionBackend;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.PortObject;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.store.PortObjectFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's context for one node execution; sub-contexts share the sinks and map their range. */
final class NodeExecutionContext implements ExecutionContext {
    private final String nodeId;
    private final String typeId;
    private final PathPolicy paths;
    private final long seed;
    private final AtomicBoolean canceled;
    private final WorkflowListener listener;
    private final List<String> warnings;
    private final int parallelism;
    private final double from;
    private final double to;
    private final NodeRegistry registry;
    private final java.util.function.Supplier<ExecutionBackend> backend;

    NodeExecutionContext(NodeRegistry registry, String nodeId, String typeId, PathPolicy paths, long seed,
            AtomicBoolean canceled, WorkflowListener listener, List<String> warnings, int parallelism, double from,
            double to, java.util.function.Supplier<ExecutionBackend> backend) {
        this.registry = registry;
        this.backend = backend;
        this.nodeId = nodeId;
        this.typeId = typeId;
        this.paths = paths;
        this.seed = seed;
        this.canceled = canceled;
        this.listener = listener;
        this.warnings = warnings;
        this.parallelism = parallelism;
        this.from = from;
        this.to = to;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Path resolvePath(String path) {
        return paths.resolve(path);
    }

    @Override
    public void progress(double fraction, String message) {
        double f = Math.max(0, Math.min(1, fraction));
        listener.progress(nodeId, from + (to - from) * f, message);
    }

    @Override
    public ExecutionContext subProgress(double subFrom, double subTo) {
        double span = to - from;
        return new NodeExecutionContext(registry, nodeId, typeId, paths, seed, canceled, listener, warnings,
                parallelism, from + span * subFrom, from + span * subTo, backend);
    }

    @Override
    public boolean isCanceled() {
        return canceled.get() || Thread.currentThread().isInterrupted();
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
        listener.warning(nodeId, message);
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("quiver.node." + typeId);
    }

    @Override
    public RandomGenerator random() {
        // Mix the workflow seed with the node id so sibling nodes draw different, repeatable streams.
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ nodeId.hashCode());
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public ExecutionBackend backend() {
        return backend.get();
    }

    @Override
    public void writePortObject(PortObject object, Path file) {
        PortObjectFiles.write(object, file);
    }

    @Override
    public PortObject readPortObject(Path file) {
        return PortObjectFiles.read(file, registry, this);
    }
}
