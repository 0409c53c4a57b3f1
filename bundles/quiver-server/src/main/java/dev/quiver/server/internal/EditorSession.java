package dev.quiver.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.Table;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowDocument.Execution;
import dev.quiver.engine.doc.WorkflowDocument.NodeDoc;
import dev.quiver.engine.output.Outputs;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.run.ExecutionOptions;
import dev.quiver.engine.run.NodeStatus;
import dev.quiver.engine.run.PathPolicy;
import dev.quiver.engine.run.Problem;
import dev.quiver.engine.run.RunResult;
import dev.quiver.engine.run.Workflow;
import dev.quiver.engine.run.WorkflowListener;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open editor tab: the workflow it shows, the engine runtime behind it (node states, cached
 * outputs), the current run, and the event streams listening to it.
 *
 * <p>Each edit replaces the whole document. When only settings changed, the runtime is told per
 * node, so upstream outputs stay cached and only the changed nodes and their descendants run
 * again; a change of nodes or wires rebuilds the runtime.
 */
public final class EditorSession {
    private static final Logger LOG = LoggerFactory.getLogger(EditorSession.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String id;
    private final Workspace workspace;
    private final NodeRegistry registry;
    private final ExecutionOptions options;
    private final List<EventStream> streams = new CopyOnWriteArrayList<>();
    private String name;
    private WorkflowDocument document = WorkflowDocument.empty();
    private Workflow runtime;
    private Thread run;
    private volatile long lastUsed = System.currentTimeMillis();

    EditorSession(String id, Workspace workspace, NodeRegistry registry, ExecutionOptions options) {
        this.id = id;
        this.workspace = workspace;
        this.registry = registry;
        this.options = options;
        this.runtime = build(null, document);
    }

    public String id() {
        return id;
    }

    long lastUsed() {
        return lastUsed;
    }

    void touch() {
        lastUsed = System.currentTimeMillis();
    }

    boolean hasListeners() {
        return !streams.isEmpty();
    }

    private Workflow build(String workflowName, WorkflowDocument doc) {
        // Paths in settings are relative to the workflow file, and never leave the workspace.
        return Workflow.load(doc, registry, PathPolicy.confined(baseDir(workflowName), workspace.root()));
    }

    private Path baseDir(String workflowName) {
        return workflowName == null ? workspace.root() : workspace.resolve(workflowName).getParent();
    }

    // ---------------------------------------------------------------- document

    /** Replaces the document and configures it; returns the validation (states, specs, problems). */
    public synchronized ObjectNode update(String workflowName, WorkflowDocument doc) {
        touch();
        if (workflowName != null) {
            workspace.resolve(workflowName); // refuse bad names before anything else
        }
        // Saving under a new name in the same folder keeps the outputs: relative paths still resolve alike.
        boolean sameStructure = baseDir(workflowName).equals(baseDir(name)) && sameStructure(document, doc);
        if (isRunning() && !(sameStructure && sameSettings(document, doc))) {
            throw HttpError.conflict("A run is in progress. Cancel it or wait for it to finish before changing nodes,"
                    + " wires, settings or where it runs.");
        }
        if (sameStructure) {
            for (NodeDoc n : doc.nodes()) {
                NodeDoc old = document.node(n.id()).orElseThrow();
                if (!Objects.equals(old.settings(), n.settings())) {
                    runtime.updateSettings(n.id(), n.settings());
                }
            }
        } else {
            runtime = build(workflowName, doc);
        }
        name = workflowName;
        document = doc;
        if (!isRunning()) {
            // During a run only moves and notes get here; the scheduler owns the node states then.
            runtime.configure();
        }
        ObjectNode v = validation();
        broadcast("validated", v);
        return v;
    }

    private static boolean sameStructure(WorkflowDocument a, WorkflowDocument b) {
        // The runtime holds the execution section it was built with: another backend needs a new one.
        if (!executionOf(a).equals(executionOf(b))) {
            return false;
        }
        if (a.seed() != b.seed() || a.nodes().size() != b.nodes().size()
                || !new HashSet<>(a.connections()).equals(new HashSet<>(b.connections()))
                || a.connections().size() != b.connections().size()) {
            return false;
        }
        Map<String, NodeDoc> byId = new HashMap<>();
        a.nodes().forEach(n -> byId.put(n.id(), n));
        for (NodeDoc n : b.nodes()) {
            NodeDoc old = byId.remove(n.id());
            if (old == null || !Objects.equals(old.type(), n.type()) || old.version() != n.version()) {
                return false;
            }
        }
        return byId.isEmpty();
    }

    /** No execution section means local, as the engine reads it. */
    private static Execution executionOf(WorkflowDocument doc) {
        return doc.execution() == null ? new Execution(null, null, null) : doc.execution();
    }

    private static boolean sameSettings(WorkflowDocument a, WorkflowDocument b) {
        return b.nodes().stream().allMatch(n -> Objects.equals(a.node(n.id()).orElseThrow().settings(), n.settings()));
    }

    public synchronized ObjectNode validation() {
        ObjectNode o = F.objectNode();
        o.put("session", id);
        if (name == null) {
            o.putNull("workflow");
        } else {
            o.put("workflow", name);
        }
        o.put("running", isRunning());
        ArrayNode problems = o.putArray("problems");
        for (Problem p : runtime.problems()) {
            ObjectNode pj = problems.addObject();
            if (p.nodeId() == null) {
                pj.putNull("node");
            } else {
                pj.put("node", p.nodeId());
            }
            pj.put("message", p.message());
        }
        ObjectNode nodes = o.putObject("nodes");
        for (String nodeId : runtime.nodeIds()) {
            ObjectNode nj = Specs.status(runtime.status(nodeId));
            nj.set("inputs", Specs.specs(runtime.inputSpecs(nodeId)));
            nj.set("outputs", runtime.outputSpecs(nodeId).map(Specs::specs).orElseGet(F::arrayNode));
            nj.put("hasResult", runtime.result(nodeId).isPresent());
            nodes.set(nodeId, nj);
        }
        return o;
    }

    // ---------------------------------------------------------------- running

    public synchronized boolean isRunning() {
        return run != null && run.isAlive();
    }

    /**
     * Starts executing the given nodes (all when empty) and what they need upstream, in the
     * background; progress arrives on the event stream.
     */
    public synchronized void execute(List<String> targets) {
        touch();
        if (isRunning()) {
            throw HttpError.conflict("A run is already in progress. Wait for it or cancel it first.");
        }
        List<String> nodes = targets == null || targets.isEmpty() ? runtime.nodeIds() : List.copyOf(targets);
        for (String t : nodes) {
            if (!runtime.nodeIds().contains(t)) {
                throw HttpError.notFound("No node '" + t + "' in this workflow (nodes: "
                        + String.join(", ", runtime.nodeIds()) + ").");
            }
        }
        Workflow wf = runtime;
        ObjectNode started = F.objectNode();
        ArrayNode tj = started.putArray("targets");
        nodes.forEach(tj::add);
        broadcast("run-started", started);
        run = new Thread(() -> runInBackground(wf, nodes), "quiver-run-" + id);
        run.setDaemon(true);
        run.start();
    }

    private void runInBackground(Workflow wf, Collection<String> targets) {
        ObjectNode done = F.objectNode();
        try {
            RunResult r = wf.execute(targets, options, new WorkflowListener() {
                @Override
                public void stateChanged(NodeStatus status) {
                    broadcast("state", Specs.status(status));
                }

                @Override
                public void progress(String nodeId, double fraction, String message) {
                    ObjectNode p = F.objectNode();
                    p.put("node", nodeId);
                    p.put("fraction", fraction);
                    if (message != null) {
                        p.put("message", message);
                    }
                    broadcast("progress", p);
                }

                @Override
                public void warning(String nodeId, String message) {
                    ObjectNode w = F.objectNode();
                    w.put("node", nodeId);
                    w.put("message", message);
                    broadcast("warning", w);
                }
            });
            done.put("success", r.success());
            done.put("canceled", r.canceled());
            done.put("elapsedMillis", r.elapsed().toMillis());
        } catch (RuntimeException e) {
            LOG.error("Run in session {} failed", id, e);
            done.put("success", false);
            done.put("canceled", false);
            done.put("error", "The run stopped unexpectedly: " + e + ". The server log has the details.");
        }
        ArrayNode statuses = done.putArray("statuses");
        wf.statuses().forEach(s -> statuses.add(Specs.status(s)));
        broadcast("run-finished", done);
    }

    public void cancel() {
        touch();
        Workflow wf;
        synchronized (this) {
            wf = runtime;
        }
        wf.cancel();
    }

    // ---------------------------------------------------------------- outputs

    private NodeResult result(String nodeId) {
        if (!runtime.nodeIds().contains(nodeId)) {
            throw HttpError.notFound("No node '" + nodeId + "' in this workflow (nodes: "
                    + String.join(", ", runtime.nodeIds()) + ").");
        }
        return runtime.result(nodeId).orElseThrow(() -> HttpError.notFound("Node '" + nodeId
                + "' has no outputs yet. Run it first."));
    }

    /** Every output port of an executed node (type, summary, details, table shape) and its charts as Vega-Lite. */
    public synchronized ObjectNode outputs(String nodeId) {
        touch();
        NodeResult r = result(nodeId);
        NodeFactory<?> f = runtime.factory(nodeId).orElseThrow();
        List<PortDescriptor> ports = f.descriptor().outputs();
        ObjectNode o = F.objectNode();
        o.put("node", nodeId);
        ArrayNode pj = o.putArray("ports");
        for (int i = 0; i < r.outputs().size(); i++) {
            PortObject obj = r.outputs().get(i);
            ObjectNode p = Outputs.describe(obj);
            p.put("index", i);
            p.put("name", ports.get(i).name());
            p.put("typeName", obj.type().displayName());
            if (obj instanceof Table t) {
                p.put("table", true);
                p.put("rowCount", t.rowCount());
                p.put("columnCount", t.columnCount());
            }
            pj.add(p);
        }
        ArrayNode charts = o.putArray("charts");
        for (ChartSpec c : r.charts()) {
            ObjectNode cj = charts.addObject();
            cj.put("id", c.id());
            if (c.title() != null) {
                cj.put("title", c.title());
            }
            cj.set("vegaLite", Outputs.vegaLite(c));
        }
        return o;
    }

    /**
     * A page of a table output, optionally sorted by a column over the whole table (missing values
     * last), so that paging and sorting agree.
     */
    public synchronized ObjectNode table(String nodeId, String port, int offset, int limit, String sortBy, boolean descending) {
        touch();
        NodeResult r = result(nodeId);
        NodeFactory<?> f = runtime.factory(nodeId).orElseThrow();
        int index = f.descriptor().outputIndex(port);
        if (index < 0 && port.chars().allMatch(Character::isDigit) && !port.isEmpty()) {
            index = Integer.parseInt(port);
        }
        if (index < 0 || index >= r.outputs().size()) {
            throw HttpError.notFound("Node '" + nodeId + "' has no output port '" + port + "' (outputs: "
                    + String.join(", ", f.descriptor().outputs().stream().map(PortDescriptor::name).toList()) + ").");
        }
        if (!(r.outputs().get(index) instanceof Table table)) {
            throw HttpError.badRequest("Output '" + port + "' of node '" + nodeId + "' is a "
                    + r.outputs().get(index).type().displayName() + ", not a table. GET …/outputs describes it.");
        }
        if (offset < 0 || limit < 1 || limit > 10_000) {
            throw HttpError.badRequest("offset must be ≥ 0 and limit between 1 and 10000 (were " + offset + " and "
                    + limit + ").");
        }
        Table view = table;
        if (sortBy != null && !sortBy.isBlank()) {
            if (!table.spec().contains(sortBy)) {
                throw HttpError.badRequest("Cannot sort by '" + sortBy + "': no such column (columns: "
                        + String.join(", ", table.spec().names()) + ").");
            }
            view = table.rows(order(table.column(sortBy), descending));
        }
        ObjectNode o = Outputs.tableJson(view, offset, limit);
        o.put("limit", limit);
        if (sortBy != null && !sortBy.isBlank()) {
            o.put("sortBy", sortBy);
            o.put("descending", descending);
        }
        return o;
    }

    private static int[] order(Column c, boolean descending) {
        Comparator<Integer> cmp = c.type().isNumeric() || c.type() == ColumnType.BOOLEAN
                ? Comparator.comparingDouble(c::getDouble)
                : Comparator.comparing(c::format, String.CASE_INSENSITIVE_ORDER);
        if (descending) {
            cmp = cmp.reversed();
        }
        Comparator<Integer> missingLast = Comparator.comparing(c::isMissing);
        return IntStream.range(0, c.size()).boxed().sorted(missingLast.thenComparing(cmp)).mapToInt(Integer::intValue)
                .toArray();
    }

    // ---------------------------------------------------------------- events

    void subscribe(EventStream s) {
        streams.add(s);
        s.send("validated", validation());
    }

    void unsubscribe(EventStream s) {
        streams.remove(s);
    }

    private void broadcast(String event, JsonNode data) {
        for (EventStream s : streams) {
            s.send(event, data);
        }
    }
}
