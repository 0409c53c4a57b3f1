package dev.quiver.engine.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.engine.component.ComponentRegistry;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowDocument.ConnectionDoc;
import dev.quiver.engine.doc.WorkflowDocument.NodeDoc;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.settings.SettingsCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of a workflow document: node states, output specs, cached outputs, and the
 * scheduler. Loading never fails because of one bad node or wire: such problems are recorded per
 * node ({@link #problems()}) and the rest of the workflow still configures and runs.
 *
 * <p>Execution runs independent branches in parallel on a bounded pool. A node runs once all its
 * inputs are executed; a failing node fails alone and only its descendants are skipped. Outputs
 * stay cached: changing a node's settings resets it and its descendants only.
 */
public final class Workflow {
    private static final Logger LOG = LoggerFactory.getLogger(Workflow.class);

    private WorkflowDocument document;
    private final NodeRegistry registry;
    private final PathPolicy paths;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    /** Node ids in an order where every node comes after all its inputs. */
    private List<String> topologicalOrder = List.of();

    /** An input wire: which upstream node and output port feed an input port. */
    private record Source(String nodeId, int outputIndex) {
    }

    /** Runtime state of one node. Guarded by the workflow's monitor. */
    private static final class Node {
        final NodeDoc doc;
        final NodeFactory<Record> factory;
        Record settings;
        String settingsError;
        final Map<Integer, Source> inputs = new HashMap<>();
        NodeState state = NodeState.IDLE;
        String message;
        boolean error;
        List<PortSpec> outputSpecs;
        NodeResult result;
        final List<String> warnings = new CopyOnWriteArrayList<>();

        Node(NodeDoc doc, NodeFactory<Record> factory) {
            this.doc = doc;
            this.factory = factory;
        }
    }

    private Workflow(WorkflowDocument document, NodeRegistry registry, PathPolicy paths) {
        this.document = document;
        // Component nodes resolve against the components folder next to the workflow (or the workspace's).
        this.registry = ComponentRegistry.forWorkflow(registry, paths, document.seed(), document.execution());
        this.paths = paths;
        build();
    }

    /** Builds the runtime; relative paths in settings resolve against {@code baseDir}. */
    public static Workflow load(WorkflowDocument document, NodeRegistry registry, Path baseDir) {
        return new Workflow(document, registry, PathPolicy.relativeTo(baseDir));
    }

    public static Workflow load(WorkflowDocument document, NodeRegistry registry, PathPolicy paths) {
        return new Workflow(document, registry, paths);
    }

    @SuppressWarnings("unchecked")
    private void build() {
        nodes.clear();
        problems.clear();
        for (NodeDoc nd : document.nodes()) {
            if (nd.id() == null || nd.id().isBlank()) {
                problems.add(new Problem(null, "A node of type '" + nd.type() + "' has no id. Give every node a unique id."));
                continue;
            }
            if (nodes.containsKey(nd.id())) {
                problems.add(new Problem(nd.id(), "Node id '" + nd.id() + "' is used twice. Node ids must be unique."));
                continue;
            }
            Optional<NodeFactory<?>> f = registry.find(nd.type());
            Node n = new Node(nd, (NodeFactory<Record>) f.orElse(null));
            nodes.put(nd.id(), n);
            if (f.isEmpty()) {
                String why = ComponentRegistry.describeMissing(registry, nd.type());
                n.settingsError = why != null ? why
                        : "Node type '" + nd.type() + "' is not installed. " + installHint(nd.type());
                problems.add(new Problem(nd.id(), n.settingsError));
                continue;
            }
            int installed = f.get().descriptor().version();
            if (nd.version() > installed) {
                n.settingsError = "Node '" + nd.id() + "' was saved by version " + nd.version() + " of " + nd.type()
                        + ", but version " + installed + " is installed. Update the feature that provides it.";
                problems.add(new Problem(nd.id(), n.settingsError));
                continue;
            }
            if (nd.version() < installed) {
                nd = migrate(nd, f.get());
                replaceNodeDoc(nd);
                n = new Node(nd, n.factory);
                nodes.put(nd.id(), n);
            }
            bindSettings(n, nd.settings());
        }
        for (ConnectionDoc c : document.connections()) {
            connect(c).ifPresent(p -> problems.add(p));
        }
        topologicalOrder = sortTopologically();
        for (Node n : nodes.values()) {
            n.state = NodeState.IDLE;
            n.message = n.settingsError;
            n.error = n.settingsError != null;
        }
    }

    /**
     * Settings saved by an older node version, brought up to date by the node's own migration; the
     * document then records the current version, so saving writes the migrated form.
     */
    @SuppressWarnings("unchecked")
    private NodeDoc migrate(NodeDoc nd, NodeFactory<?> factory) {
        var mapper = dev.quiver.engine.doc.WorkflowJson.mapper();
        Map<String, Object> old = nd.settings() == null ? new LinkedHashMap<>()
                : mapper.convertValue(nd.settings(), LinkedHashMap.class);
        try {
            Map<String, Object> migrated = factory.migrateSettings(nd.version(), old);
            ObjectNode json = mapper.valueToTree(migrated);
            return new NodeDoc(nd.id(), nd.type(), factory.descriptor().version(), nd.position(), json, nd.annotation());
        } catch (RuntimeException e) {
            problems.add(new Problem(nd.id(), "Cannot migrate the settings of '" + nd.id() + "' from version "
                    + nd.version() + ": " + e.getMessage()));
            return nd;
        }
    }

    private void replaceNodeDoc(NodeDoc replacement) {
        var list = new ArrayList<NodeDoc>();
        for (NodeDoc d : document.nodes()) {
            list.add(d.id().equals(replacement.id()) ? replacement : d);
        }
        document = document.withNodes(list, document.connections());
    }

    private static String installHint(String typeId) {
        String[] parts = typeId.split("\\.");
        String area = parts.length >= 3 ? parts[1] : typeId;
        return "Install the feature that provides it (probably '" + area + "'; `quiver nodes` lists what is installed).";
    }

    private void bindSettings(Node n, ObjectNode json) {
        try {
            n.settings = SettingsCodec.fromJson(n.factory, json);
            n.settingsError = null;
        } catch (InvalidInputException e) {
            n.settings = null;
            n.settingsError = "Invalid settings: " + e.getMessage();
        }
    }

    private Optional<Problem> connect(ConnectionDoc c) {
        if (c.from() == null || c.to() == null) {
            return Optional.of(new Problem(null, "A connection lacks its 'from' or 'to' end."));
        }
        Node from = nodes.get(c.from().node());
        Node to = nodes.get(c.to().node());
        if (from == null || to == null) {
            String missing = from == null ? c.from().node() : c.to().node();
            return Optional.of(new Problem(to == null ? null : to.doc.id(),
                    "Connection " + c + " refers to node '" + missing + "', which is not in the workflow."));
        }
        if (from.factory == null || to.factory == null) {
            return Optional.empty(); // already reported as an unknown node type; keep the wire in the document
        }
        var outs = from.factory.descriptor().outputs();
        var ins = to.factory.descriptor().inputs();
        int oi = from.factory.descriptor().outputIndex(c.from().port());
        int ii = to.factory.descriptor().inputIndex(c.to().port());
        if (oi < 0) {
            return Optional.of(new Problem(to.doc.id(), "Connection " + c + " refused: node '" + from.doc.id()
                    + "' has no output port '" + c.from().port() + "' (outputs: " + portNames(outs) + ")."));
        }
        if (ii < 0) {
            return Optional.of(new Problem(to.doc.id(), "Connection " + c + " refused: node '" + to.doc.id()
                    + "' has no input port '" + c.to().port() + "' (inputs: " + portNames(ins) + ")."));
        }
        PortDescriptor out = outs.get(oi);
        PortDescriptor in = ins.get(ii);
        if (!in.type().accepts(out.type())) {
            return Optional.of(new Problem(to.doc.id(), "Connection " + c + " refused: output '" + out.name() + "' of '"
                    + from.doc.id() + "' is a " + out.type().displayName() + ", but input '" + in.name() + "' of '"
                    + to.doc.id() + "' expects a " + in.type().displayName() + ". Connect a "
                    + in.type().displayName() + " output instead."));
        }
        if (to.inputs.containsKey(ii)) {
            return Optional.of(new Problem(to.doc.id(), "Connection " + c + " refused: input '" + in.name() + "' of '"
                    + to.doc.id() + "' is already connected. An input takes one wire."));
        }
        to.inputs.put(ii, new Source(from.doc.id(), oi));
        return Optional.empty();
    }

    private static String portNames(List<PortDescriptor> ports) {
        return ports.isEmpty() ? "none" : ports.stream().map(PortDescriptor::name).collect(Collectors.joining(", "));
    }

    private List<String> sortTopologically() {
        Map<String, Integer> indegree = new LinkedHashMap<>();
        Map<String, List<String>> successors = new HashMap<>();
        for (Node n : nodes.values()) {
            indegree.putIfAbsent(n.doc.id(), 0);
            for (Source s : n.inputs.values()) {
                indegree.merge(n.doc.id(), 1, Integer::sum);
                successors.computeIfAbsent(s.nodeId(), k -> new ArrayList<>()).add(n.doc.id());
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((id, d) -> {
            if (d == 0) {
                ready.add(id);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String s : successors.getOrDefault(id, List.of())) {
                if (indegree.merge(s, -1, Integer::sum) == 0) {
                    ready.add(s);
                }
            }
        }
        if (order.size() < nodes.size()) {
            var cyclic = nodes.keySet().stream().filter(id -> !order.contains(id)).toList();
            problems.add(new Problem(null, "Connections form a cycle through nodes " + String.join(", ", cyclic)
                    + ". Remove a connection to break the cycle."));
            for (String id : cyclic) {
                Node n = nodes.get(id);
                n.inputs.clear();
                n.settingsError = "Part of a cycle of connections; remove one to run this node.";
            }
            order.addAll(cyclic);
        }
        return List.copyOf(order);
    }

    // ---------------------------------------------------------------- queries

    public synchronized WorkflowDocument document() {
        return document;
    }

    /** Problems found while loading: unknown node types, refused connections, invalid settings, cycles. */
    public synchronized List<Problem> problems() {
        var all = new ArrayList<>(problems);
        for (Node n : nodes.values()) {
            if (n.settingsError != null && n.factory != null
                    && all.stream().noneMatch(p -> n.doc.id().equals(p.nodeId()) && p.message().equals(n.settingsError))) {
                all.add(new Problem(n.doc.id(), n.settingsError));
            }
        }
        return all;
    }

    public synchronized List<String> nodeIds() {
        return List.copyOf(nodes.keySet());
    }

    public synchronized NodeStatus status(String nodeId) {
        Node n = require(nodeId);
        return new NodeStatus(nodeId, n.state, n.message, n.error, n.warnings);
    }

    public synchronized List<NodeStatus> statuses() {
        return nodes.keySet().stream().map(this::status).toList();
    }

    public synchronized Optional<NodeFactory<?>> factory(String nodeId) {
        return Optional.ofNullable(require(nodeId).factory);
    }

    /** Output specs after configure or execution; empty when the node is not configured. */
    public synchronized Optional<List<PortSpec>> outputSpecs(String nodeId) {
        return Optional.ofNullable(require(nodeId).outputSpecs);
    }

    /** Input specs as the node sees them (null entries for unconnected or unconfigured inputs). */
    public synchronized List<PortSpec> inputSpecs(String nodeId) {
        Node n = require(nodeId);
        int count = n.factory == null ? 0 : n.factory.descriptor().inputs().size();
        var specs = new ArrayList<PortSpec>();
        for (int i = 0; i < count; i++) {
            Source s = n.inputs.get(i);
            List<PortSpec> up = s == null ? null : nodes.get(s.nodeId()).outputSpecs;
            specs.add(up == null ? null : up.get(s.outputIndex()));
        }
        return specs;
    }

    /** The cached result of an executed node. */
    public synchronized Optional<NodeResult> result(String nodeId) {
        return Optional.ofNullable(require(nodeId).result);
    }

    /** Nodes whose outputs feed no other node: the ones whose results a user looks at first. */
    public synchronized List<String> terminalNodes() {
        Set<String> feeding = new HashSet<>();
        for (Node n : nodes.values()) {
            n.inputs.values().forEach(s -> feeding.add(s.nodeId()));
        }
        return nodes.keySet().stream().filter(id -> !feeding.contains(id)).toList();
    }

    private Node require(String nodeId) {
        Node n = nodes.get(nodeId);
        if (n == null) {
            throw new InvalidInputException("No node '" + nodeId + "' in this workflow (nodes: "
                    + String.join(", ", nodes.keySet()) + ").");
        }
        return n;
    }

    // ---------------------------------------------------------------- changes

    /**
     * Replaces a node's settings, resets it and its descendants (their cached outputs are stale) and
     * configures again. Nodes elsewhere keep their outputs.
     */
    public synchronized void updateSettings(String nodeId, ObjectNode settings) {
        Node n = require(nodeId);
        document = document.withNodeSettings(nodeId, settings);
        NodeDoc nd = document.node(nodeId).orElseThrow();
        Node replacement = new Node(nd, n.factory);
        replacement.inputs.putAll(n.inputs);
        nodes.put(nodeId, replacement);
        if (replacement.factory != null) {
            bindSettings(replacement, settings);
        }
        reset(descendantsAndSelf(nodeId));
        configure();
    }

    /** Drops every cached output. */
    public synchronized void resetAll() {
        reset(nodes.keySet());
    }

    private void reset(Collection<String> ids) {
        for (String id : ids) {
            Node n = nodes.get(id);
            n.result = null;
            n.outputSpecs = null;
            n.warnings.clear();
            n.state = NodeState.IDLE;
            n.message = n.settingsError;
            n.error = n.settingsError != null;
        }
    }

    private Set<String> descendantsAndSelf(String nodeId) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(nodeId));
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (out.add(id)) {
                for (Node n : nodes.values()) {
                    for (Source s : n.inputs.values()) {
                        if (s.nodeId().equals(id)) {
                            todo.add(n.doc.id());
                        }
                    }
                }
            }
        }
        return out;
    }

    private Set<String> ancestorsAndSelf(Collection<String> targets) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(targets);
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (out.add(id)) {
                require(id).inputs.values().forEach(s -> todo.add(s.nodeId()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- configure

    /**
     * Propagates specs through the workflow without touching data. Executed nodes keep their actual
     * output specs. Returns every node's status; errors say what to fix.
     */
    public synchronized List<NodeStatus> configure() {
        for (String id : topologicalOrder) {
            configureNode(nodes.get(id));
        }
        return statuses();
    }

    private void configureNode(Node n) {
        if (n.state == NodeState.EXECUTED || n.state == NodeState.EXECUTING) {
            return;
        }
        n.outputSpecs = null;
        if (n.settingsError != null) {
            setState(n, NodeState.IDLE, n.settingsError, true, WorkflowListener.NONE);
            return;
        }
        var inputs = n.factory.descriptor().inputs();
        var specs = new ArrayList<PortSpec>();
        boolean anyUnknown = false;
        for (int i = 0; i < inputs.size(); i++) {
            PortDescriptor port = inputs.get(i);
            Source s = n.inputs.get(i);
            if (s == null) {
                if (!port.optional()) {
                    setState(n, NodeState.IDLE, "Input '" + port.name() + "' is not connected. Connect a "
                            + port.type().displayName() + " output to it.", true, WorkflowListener.NONE);
                    return;
                }
                specs.add(null);
                continue;
            }
            Node up = nodes.get(s.nodeId());
            if (up.outputSpecs == null) {
                setState(n, NodeState.IDLE, "Waiting for input '" + port.name() + "': node '" + up.doc.id()
                        + "' is not configured.", false, WorkflowListener.NONE);
                return;
            }
            PortSpec spec = up.outputSpecs.get(s.outputIndex());
            anyUnknown |= !spec.isKnown();
            specs.add(spec);
        }
        if (anyUnknown) {
            // Nothing to check until upstream has run; downstream learns the real specs then.
            n.outputSpecs = n.factory.descriptor().outputs().stream().map(p -> PortSpec.unknown(p.type())).toList();
            setState(n, NodeState.CONFIGURED, null, false, WorkflowListener.NONE);
            return;
        }
        try {
            n.outputSpecs = callConfigure(n, specs);
            setState(n, NodeState.CONFIGURED, null, false, WorkflowListener.NONE);
        } catch (InvalidInputException e) {
            setState(n, NodeState.IDLE, e.getMessage(), true, WorkflowListener.NONE);
        } catch (RuntimeException e) {
            LOG.error("configure of node {} ({}) failed", n.doc.id(), n.doc.type(), e);
            setState(n, NodeState.IDLE, "Internal error in " + n.factory.descriptor().name() + " while configuring: "
                    + e, true, WorkflowListener.NONE);
        }
    }

    private List<PortSpec> callConfigure(Node n, List<PortSpec> inputSpecs) {
        ConfigureContext ctx = new ConfigureContext() {
            @Override
            public String nodeId() {
                return n.doc.id();
            }

            @Override
            public Path resolvePath(String path) {
                return paths.resolve(path);
            }
        };
        List<PortSpec> out = n.factory.configure(new Ports<>(n.factory.descriptor().inputs(), inputSpecs), n.settings, ctx);
        var declared = n.factory.descriptor().outputs();
        if (out == null || out.size() != declared.size() || out.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalStateException("configure returned " + out + " for output ports " + portNames(declared));
        }
        return List.copyOf(out);
    }

    private void setState(Node n, NodeState state, String message, boolean error, WorkflowListener listener) {
        n.state = state;
        n.message = message;
        n.error = error;
        listener.stateChanged(new NodeStatus(n.doc.id(), state, message, error, n.warnings));
    }

    // ---------------------------------------------------------------- execute

    /** Executes every node. Blocks until done or cancelled. */
    public RunResult execute(ExecutionOptions options, WorkflowListener listener) {
        return execute(nodeIds(), options, listener);
    }

    /**
     * Executes the given nodes and whatever upstream nodes they need that are not executed yet.
     * Blocks until done or cancelled; {@link #cancel()} from another thread stops it promptly.
     */
    public RunResult execute(Collection<String> targets, ExecutionOptions options, WorkflowListener listener) {
        long start = System.nanoTime();
        cancelRequested.set(false);
        Set<String> wanted;
        synchronized (this) {
            configure();
            wanted = ancestorsAndSelf(targets);
            wanted.removeIf(id -> nodes.get(id).state == NodeState.EXECUTED);
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), new ThreadFactoryNamed());
        var backends = new Backends(registry, document.execution(), options);
        var completion = new ExecutorCompletionService<String>(pool);
        Map<String, Future<String>> running = new HashMap<>();
        Set<String> pending = new LinkedHashSet<>(topologicalOrder);
        pending.retainAll(wanted);
        Set<String> skipped = new HashSet<>();
        try {
            while (true) {
                synchronized (this) {
                    if (!cancelRequested.get()) {
                        for (var it = pending.iterator(); it.hasNext();) {
                            Node n = nodes.get(it.next());
                            if (blockedForever(n, skipped)) {
                                it.remove();
                                skipped.add(n.doc.id());
                                skip(n, listener);
                            } else if (inputsExecuted(n)) {
                                it.remove();
                                setState(n, NodeState.EXECUTING, null, false, listener);
                                running.put(n.doc.id(), completion.submit(() -> runNode(n, options, backends, listener)));
                            }
                        }
                    }
                }
                if (running.isEmpty()) {
                    break;
                }
                Future<String> done = completion.take();
                running.values().remove(done);
                try {
                    done.get();
                } catch (ExecutionException e) {
                    LOG.error("Unexpected scheduler error", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
        } finally {
            pool.shutdownNow();
            backends.close();
        }
        boolean canceled = cancelRequested.get();
        synchronized (this) {
            boolean success = !canceled && ancestorsAndSelf(targets).stream()
                    .allMatch(id -> nodes.get(id).state == NodeState.EXECUTED);
            return new RunResult(success, canceled, statuses(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Stops a running execution: running nodes see the cancellation at their next check. */
    public void cancel() {
        cancelRequested.set(true);
    }

    private boolean inputsExecuted(Node n) {
        return n.inputs.values().stream().allMatch(s -> nodes.get(s.nodeId()).state == NodeState.EXECUTED);
    }

    /** A node that cannot run in this execution: its settings are bad, or an input failed or was skipped. */
    private boolean blockedForever(Node n, Set<String> skipped) {
        if (n.settingsError != null || n.factory == null || (n.state == NodeState.IDLE && n.error)) {
            return true;
        }
        for (Source s : n.inputs.values()) {
            Node up = nodes.get(s.nodeId());
            if (up.state == NodeState.FAILED || (up.state == NodeState.IDLE && up.error) || skipped.contains(up.doc.id())) {
                return true;
            }
        }
        return false;
    }

    private void skip(Node n, WorkflowListener listener) {
        if (n.error) {
            listener.stateChanged(new NodeStatus(n.doc.id(), n.state, n.message, true, n.warnings));
            return;
        }
        String culprit = n.inputs.values().stream().map(s -> nodes.get(s.nodeId()))
                .filter(up -> up.state != NodeState.EXECUTED).map(up -> up.doc.id()).findFirst().orElse("?");
        setState(n, NodeState.IDLE, "Not run: upstream node '" + culprit + "' did not execute.", false, listener);
    }

    private String runNode(Node n, ExecutionOptions options, Backends backends, WorkflowListener listener) {
        List<PortObject> inputs = new ArrayList<>();
        List<PortSpec> specs = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < n.factory.descriptor().inputs().size(); i++) {
                Source s = n.inputs.get(i);
                PortObject o = s == null ? null : nodes.get(s.nodeId()).result.outputs().get(s.outputIndex());
                inputs.add(o);
                specs.add(o == null ? null : o.spec());
            }
        }
        n.warnings.clear();
        var ctx = new NodeExecutionContext(registry, n.doc.id(), n.doc.type(), paths, document.seed(), cancelRequested,
                listener, n.warnings, options.parallelism(), 0, 1, () -> backends.forNode(n.doc.id()));
        try {
            // Configure again on the actual specs: upstream output may differ from the predicted spec.
            List<PortSpec> predicted = callConfigure(n, specs);
            ctx.checkCanceled();
            NodeResult result = n.factory.execute(new Ports<>(n.factory.descriptor().inputs(), inputs), n.settings, ctx);
            checkOutputs(n, result);
            synchronized (this) {
                n.outputSpecs = result.outputs().stream().map(PortObject::spec).toList();
                n.result = result;
                setState(n, NodeState.EXECUTED, null, false, listener);
            }
            LOG.debug("Node {} executed; predicted {}", n.doc.id(), predicted.size());
        } catch (CanceledException e) {
            synchronized (this) {
                setState(n, NodeState.CONFIGURED, "Cancelled.", false, listener);
            }
        } catch (InvalidInputException e) {
            synchronized (this) {
                setState(n, NodeState.FAILED, e.getMessage(), true, listener);
            }
        } catch (RuntimeException | Error e) {
            if (cancelRequested.get()) {
                synchronized (this) {
                    setState(n, NodeState.CONFIGURED, "Cancelled.", false, listener);
                }
                return n.doc.id();
            }
            LOG.error("Node {} ({}) failed", n.doc.id(), n.doc.type(), e);
            synchronized (this) {
                setState(n, NodeState.FAILED, "Internal error in " + n.factory.descriptor().name() + ": " + e
                        + ". This is a bug in the node; the log has the details.", true, listener);
            }
        }
        return n.doc.id();
    }

    private static void checkOutputs(Node n, NodeResult result) {
        var declared = n.factory.descriptor().outputs();
        if (result == null || result.outputs().size() != declared.size()) {
            throw new IllegalStateException("execute returned " + (result == null ? "null" : result.outputs().size()
                    + " outputs") + " for " + declared.size() + " output ports");
        }
        for (int i = 0; i < declared.size(); i++) {
            PortObject o = result.outputs().get(i);
            if (o == null || !declared.get(i).type().accepts(o.type())) {
                throw new IllegalStateException("Output '" + declared.get(i).name() + "' should be a "
                        + declared.get(i).type().displayName() + " but was " + (o == null ? "null" : o.type().displayName()));
            }
        }
    }

    /** Names worker threads so thread dumps and logs show they belong to Quiver. */
    private static final class ThreadFactoryNamed implements java.util.concurrent.ThreadFactory {
        private static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "quiver-node-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
