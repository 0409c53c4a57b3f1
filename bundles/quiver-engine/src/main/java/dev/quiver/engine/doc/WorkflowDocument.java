package dev.quiver.engine.doc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A workflow as it is stored in a {@code *.quiver.json} file: plain data, no runtime state. The
 * runtime ({@link dev.quiver.engine.run.Workflow}) is built from it and never written back into it,
 * so the file stays small and diffs cleanly.
 */
@JsonPropertyOrder({"format", "formatVersion", "metadata", "seed", "execution", "parameters", "component", "nodes",
    "connections", "annotations"})
public record WorkflowDocument(String format, int formatVersion, Metadata metadata, long seed,
        @JsonInclude(JsonInclude.Include.NON_NULL) Execution execution,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ParameterDoc> parameters,
        @JsonInclude(JsonInclude.Include.NON_NULL) ComponentDoc component, List<NodeDoc> nodes,
        List<ConnectionDoc> connections, List<AnnotationDoc> annotations) {

    public static final String FORMAT = "quiver-workflow";
    /** A component file: a workflow with boundary nodes and a {@code component} section. */
    public static final String COMPONENT_FORMAT = "quiver-component";
    public static final int CURRENT_FORMAT_VERSION = 1;

    public WorkflowDocument {
        format = format == null ? FORMAT : format;
        metadata = metadata == null ? Metadata.EMPTY : metadata;
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        connections = connections == null ? List.of() : List.copyOf(connections);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    /** A document without parameters that is not a component. */
    public WorkflowDocument(String format, int formatVersion, Metadata metadata, long seed, Execution execution,
            List<NodeDoc> nodes, List<ConnectionDoc> connections, List<AnnotationDoc> annotations) {
        this(format, formatVersion, metadata, seed, execution, List.of(), null, nodes, connections, annotations);
    }

    /** A document that leaves the execution backend to the defaults (local). */
    public WorkflowDocument(String format, int formatVersion, Metadata metadata, long seed, List<NodeDoc> nodes,
            List<ConnectionDoc> connections, List<AnnotationDoc> annotations) {
        this(format, formatVersion, metadata, seed, null, nodes, connections, annotations);
    }

    /** A copy with another execution section (null = local). */
    public WorkflowDocument withExecution(Execution newExecution) {
        return new WorkflowDocument(format, formatVersion, metadata, seed, newExecution, parameters, component, nodes,
                connections, annotations);
    }

    /** A copy with other nodes and connections (everything else kept). */
    public WorkflowDocument withNodes(List<NodeDoc> newNodes, List<ConnectionDoc> newConnections) {
        return new WorkflowDocument(format, formatVersion, metadata, seed, execution, parameters, component, newNodes,
                newConnections, annotations);
    }

    public WorkflowDocument withSeed(long newSeed) {
        return new WorkflowDocument(format, formatVersion, metadata, newSeed, execution, parameters, component, nodes,
                connections, annotations);
    }

    public WorkflowDocument withParameters(List<ParameterDoc> newParameters) {
        return new WorkflowDocument(format, formatVersion, metadata, seed, execution, newParameters, component, nodes,
                connections, annotations);
    }

    public static WorkflowDocument empty() {
        return new WorkflowDocument(FORMAT, CURRENT_FORMAT_VERSION, Metadata.EMPTY, 42, List.of(), List.of(), List.of());
    }

    public Optional<NodeDoc> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** A copy with one node's settings replaced. */
    public WorkflowDocument withNodeSettings(String nodeId, ObjectNode settings) {
        var copy = new ArrayList<NodeDoc>();
        boolean found = false;
        for (NodeDoc n : nodes) {
            if (n.id().equals(nodeId)) {
                copy.add(new NodeDoc(n.id(), n.type(), n.version(), n.position(), settings, n.annotation()));
                found = true;
            } else {
                copy.add(n);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("No node '" + nodeId + "'");
        }
        return withNodes(copy, connections);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"title", "description", "author", "tags"})
    public record Metadata(String title, String description, String author, List<String> tags) {
        public static final Metadata EMPTY = new Metadata(null, null, null, List.of());

        public Metadata {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }
    }

    /** A node: its id in this workflow, node type id and version, settings as JSON, canvas position. */
    @JsonPropertyOrder({"id", "type", "version", "position", "annotation", "settings"})
    public record NodeDoc(String id, String type, int version, Position position,
            @JsonInclude(JsonInclude.Include.NON_NULL) ObjectNode settings,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String annotation) {
        public NodeDoc {
            position = position == null ? new Position(0, 0) : position;
        }
    }

    public record Position(double x, double y) {
    }

    @JsonPropertyOrder({"from", "to"})
    public record ConnectionDoc(PortRef from, PortRef to) {
        @Override
        public String toString() {
            return from + " → " + to;
        }
    }

    public record PortRef(String node, String port) {
        @Override
        public String toString() {
            return node + "." + port;
        }
    }

    /**
     * Where the heavy work of the workflow's nodes runs (search trials, cross-validation folds, batch
     * scoring). Absent = the local thread pool. Kept out of node settings because the same workflow
     * moves between a laptop and a cluster without any node changing.
     *
     * @param backend the backend id for every node ("local", "spark")
     * @param options the backend's options ({@code master} for Spark, {@code spark.*} properties)
     * @param nodes per-node choices that differ from {@code backend}, by node id (e.g. keep a small
     *     search local while the batch scoring runs on the cluster)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"backend", "options", "nodes"})
    public record Execution(String backend, java.util.Map<String, String> options, java.util.Map<String, String> nodes) {
        public Execution {
            backend = backend == null || backend.isBlank() ? "local" : backend;
            options = options == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.TreeMap<>(options));
            nodes = nodes == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(
                    new java.util.TreeMap<>(nodes));
        }

        /** The backend for one node: its own choice, else the workflow's. */
        public String backendFor(String nodeId) {
            return nodes.getOrDefault(nodeId, backend);
        }
    }

    /** A free-text note on the canvas. */
    @JsonPropertyOrder({"text", "position", "width", "height"})
    public record AnnotationDoc(String text, Position position, double width, double height) {
    }
}
