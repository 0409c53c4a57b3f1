package dev.quiver.engine.run;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionBackend;
import dev.quiver.api.node.ExecutionBackendFactory;
import dev.quiver.api.node.LocalBackend;
import dev.quiver.engine.doc.WorkflowDocument.Execution;
import dev.quiver.engine.registry.NodeRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution backends of one run: each is opened when a node first asks for it (a Spark driver
 * starts only if some node has heavy work) and all are closed when the run ends.
 *
 * <p>Which backend a node gets: its own entry in the workflow's {@code execution.nodes}, else the
 * command line's {@code --backend}, else the workflow's {@code execution.backend}, else local.
 */
final class Backends implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    private final NodeRegistry registry;
    private final Execution execution;
    private final ExecutionOptions options;
    private final Map<String, ExecutionBackend> open = new LinkedHashMap<>();

    Backends(NodeRegistry registry, Execution execution, ExecutionOptions options) {
        this.registry = registry;
        this.execution = execution == null ? new Execution(null, null, null) : execution;
        this.options = options;
    }

    /** The backend id a node runs on. */
    String idFor(String nodeId) {
        String own = execution.nodes().get(nodeId);
        if (own != null) {
            return own;
        }
        return options.backend() != null ? options.backend() : execution.backend();
    }

    synchronized ExecutionBackend forNode(String nodeId) {
        String id = idFor(nodeId);
        if (id.equals(LocalBackend.ID)) {
            return LocalBackend.INSTANCE;
        }
        ExecutionBackend backend = open.get(id);
        if (backend == null) {
            ExecutionBackendFactory factory = registry.backend(id).orElseThrow(() -> new InvalidInputException(
                    "Execution backend '" + id + "' (asked for by node '" + nodeId + "') is not installed. Installed: "
                            + installed() + ". Install the feature '" + id + "', or run with --backend local."));
            backend = factory.open(optionsFor(id));
            LOG.info("Opened execution backend {}", id);
            open.put(id, backend);
        }
        return backend;
    }

    /** The workflow's options for its backend, with the command line's on top when it names the same one. */
    private Map<String, String> optionsFor(String id) {
        var merged = new TreeMap<String, String>();
        if (id.equals(execution.backend())) {
            merged.putAll(execution.options());
        }
        if (id.equals(options.backend())) {
            merged.putAll(options.backendOptions());
        }
        return merged;
    }

    private String installed() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(LocalBackend.ID),
                registry.backends().stream().map(ExecutionBackendFactory::id)).collect(Collectors.joining(", "));
    }

    @Override
    public synchronized void close() {
        for (var e : open.entrySet()) {
            try {
                e.getValue().close();
            } catch (RuntimeException ex) {
                LOG.warn("Closing execution backend {} failed", e.getKey(), ex);
            }
        }
        open.clear();
    }
}
