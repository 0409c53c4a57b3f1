package dev.quiver.engine.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.engine.component.BoundaryNodes.BoundarySettings;
import dev.quiver.engine.doc.ComponentDoc.ExposedSetting;
import dev.quiver.engine.doc.Parameters;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowDocument.ConnectionDoc;
import dev.quiver.engine.doc.WorkflowDocument.NodeDoc;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.output.NodeCatalog;
import dev.quiver.engine.run.ExecutionOptions;
import dev.quiver.engine.run.NodeState;
import dev.quiver.engine.run.NodeStatus;
import dev.quiver.engine.run.Problem;
import dev.quiver.engine.run.RunResult;
import dev.quiver.engine.run.Workflow;
import dev.quiver.engine.run.WorkflowListener;
import dev.quiver.engine.settings.DynamicSettingsFactory;
import dev.quiver.engine.settings.JsonSettings;
import dev.quiver.engine.settings.SettingsCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A component as a node type: its ports are the component's boundary nodes, its settings the inner
 * settings the author exposed, and configure and execute run the inner workflow as a nested run.
 * The inner run uses the enclosing workflow's seed and path rules and keeps the inner node ids, so
 * a component gives exactly what its nodes give when they sit inline.
 */
final class ComponentNodeFactory implements NodeFactory<JsonSettings>, DynamicSettingsFactory {
    private final String typeId;
    private final Path file;
    private final WorkflowDocument doc;
    private final ComponentRegistry registry;
    private final NodeDescriptor descriptor;
    private final List<NodeDoc> inputNodes = new ArrayList<>();
    private final List<NodeDoc> outputNodes = new ArrayList<>();

    ComponentNodeFactory(String typeId, Path file, WorkflowDocument doc, ComponentRegistry registry) {
        this.typeId = typeId;
        this.file = file;
        this.doc = doc;
        this.registry = registry;
        var inputs = new ArrayList<PortDescriptor>();
        var outputs = new ArrayList<PortDescriptor>();
        for (NodeDoc n : doc.nodes()) {
            boolean in = BoundaryNodes.isInput(n.type());
            if (!in && !BoundaryNodes.isOutput(n.type())) {
                continue;
            }
            PortType type = BoundaryNodes.portTypeOf(n.type()).orElseThrow(() -> new InvalidInputException(
                    "node '" + n.id() + "' has unknown boundary type '" + n.type() + "'."));
            BoundarySettings s = boundarySettings(n);
            List<PortDescriptor> ports = in ? inputs : outputs;
            if (ports.stream().anyMatch(p -> p.name().equals(s.port()))) {
                throw new InvalidInputException("two " + (in ? "input" : "output") + " nodes name their port '"
                        + s.port() + "'. Give each port its own name.");
            }
            ports.add(PortDescriptor.required(s.port(), type, s.description()));
            (in ? inputNodes : outputNodes).add(n);
        }
        String stem = Components.stemOf(typeId);
        String title = doc.metadata().title() == null ? stem : doc.metadata().title();
        String description = (doc.metadata().description() == null ? "" : doc.metadata().description() + "\n\n")
                + "Component `" + stem + "` (" + file.getFileName() + "): " + count(doc.nodes().size()
                        - inputNodes.size() - outputNodes.size(), "node") + ".";
        this.descriptor = new NodeDescriptor(typeId, 1, title, Components.CATEGORY, description, inputs, outputs);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static BoundarySettings boundarySettings(NodeDoc n) {
        JsonNode s = n.settings() == null ? WorkflowJson.mapper().createObjectNode() : n.settings();
        try {
            return new BoundarySettings(s.path("port").isTextual() ? s.path("port").asText() : null,
                    s.path("description").asText(""));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("node '" + n.id() + "': " + e.getMessage());
        }
    }

    /** The component file this node type was read from. */
    Path file() {
        return file;
    }

    @Override
    public NodeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Class<JsonSettings> settingsType() {
        return JsonSettings.class;
    }

    /** Every exposed setting at the value the component file holds. */
    @Override
    public JsonSettings defaultSettings() {
        ObjectNode values = WorkflowJson.mapper().createObjectNode();
        for (ExposedSetting e : exposed()) {
            innerValue(e).ifPresent(v -> values.set(e.name(), v));
        }
        return new JsonSettings(values);
    }

    private List<ExposedSetting> exposed() {
        return doc.component() == null ? List.of() : doc.component().settings();
    }

    private ComponentRegistry innerRegistry(Map<String, NodeFactory<?>> boundInputs) {
        return registry.inside(file, boundInputs);
    }

    /** The value an inner setting has in the file: saved, else the inner node's default. */
    private Optional<JsonNode> innerValue(ExposedSetting e) {
        Optional<NodeDoc> node = doc.node(e.node());
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get().settings() != null && node.get().settings().has(e.setting())) {
            return Optional.of(node.get().settings().get(e.setting()));
        }
        return innerRegistry(Map.of()).find(node.get().type())
                .map(f -> (JsonNode) SettingsCodec.toJson(f.defaultSettings()).get(e.setting()));
    }

    // ---------------------------------------------------------------- settings

    @Override
    public ObjectNode settingsSchema() {
        ObjectNode schema = WorkflowJson.mapper().createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        schema.put("description", "The settings this component exposes; each sets one setting of a node inside.");
        ObjectNode props = schema.putObject("properties");
        var required = schema.putArray("required");
        ComponentRegistry inner = innerRegistry(Map.of());
        for (ExposedSetting e : exposed()) {
            Optional<NodeDoc> node = doc.node(e.node());
            Optional<NodeFactory<?>> factory = node.flatMap(n -> inner.find(n.type()));
            JsonNode innerProp = factory.map(f -> NodeCatalog.schema(f).path("properties").path(e.setting()))
                    .orElse(null);
            if (innerProp == null || !innerProp.isObject()) {
                continue; // bindSettings reports the broken exposure; the form just leaves it out
            }
            ObjectNode p = ((ObjectNode) innerProp).deepCopy();
            if (e.label() != null && !e.label().isBlank()) {
                p.put("title", e.label());
            }
            if (e.description() != null && !e.description().isBlank()) {
                p.put("description", e.description());
            }
            innerValue(e).ifPresent(v -> p.set("default", v));
            mapColumnPicker(p, node.get(), factory.get());
            p.putObject("x-quiver-component").put("node", e.node()).put("setting", e.setting());
            props.set(e.name(), p);
            required.add(e.name());
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * A column picker names an input port of the inner node; the editor looks for it on the
     * component node. When that inner port is fed straight from a component input, point the picker
     * at that component port; otherwise the columns are only known inside, so drop the picker.
     */
    private void mapColumnPicker(ObjectNode p, NodeDoc node, NodeFactory<?> factory) {
        JsonNode picker = p.get("x-quiver-column");
        if (picker == null) {
            return;
        }
        String innerPort = picker.path("port").asText("");
        if (innerPort.isEmpty() && !factory.descriptor().inputs().isEmpty()) {
            innerPort = factory.descriptor().inputs().get(0).name();
        }
        for (ConnectionDoc c : doc.connections()) {
            if (c.to().node().equals(node.id()) && c.to().port().equals(innerPort)) {
                for (NodeDoc in : inputNodes) {
                    if (in.id().equals(c.from().node())) {
                        ((ObjectNode) picker).put("port", boundarySettings(in).port());
                        return;
                    }
                }
            }
        }
        p.remove("x-quiver-column");
    }

    @Override
    public JsonSettings bindSettings(JsonNode json) {
        ObjectNode values = defaultSettings().values();
        var names = exposed().stream().map(ExposedSetting::name).toList();
        if (json != null && !json.isNull()) {
            if (!json.isObject()) {
                throw new InvalidInputException("Settings must be a JSON object, not " + json.getNodeType());
            }
            var unknown = new ArrayList<String>();
            for (Iterator<String> it = json.fieldNames(); it.hasNext();) {
                String key = it.next();
                if (!names.contains(key)) {
                    unknown.add("'" + key + "'");
                }
            }
            if (!unknown.isEmpty()) {
                throw new InvalidInputException("Unknown setting" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown) + " (component '" + Components.stemOf(typeId) + "' exposes: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)) + "). Remove or rename it.");
            }
            values.setAll((ObjectNode) json);
        }
        checkExposed();
        WorkflowDocument applied = applyTo(values);
        ComponentRegistry inner = innerRegistry(Map.of());
        var checked = new HashSet<String>();
        for (ExposedSetting e : exposed()) {
            if (!checked.add(e.node())) {
                continue;
            }
            NodeDoc n = applied.node(e.node()).orElseThrow();
            Optional<NodeFactory<?>> f = inner.find(n.type());
            if (f.isEmpty()) {
                continue; // the inner workflow reports the missing type when it loads
            }
            try {
                SettingsCodec.fromJson(f.get(), n.settings());
            } catch (InvalidInputException ex) {
                String exposedNames = exposed().stream().filter(x -> x.node().equals(e.node()))
                        .map(ExposedSetting::name).reduce((a, b) -> a + ", " + b).orElse("");
                throw new InvalidInputException("Setting " + exposedNames + " (node '" + e.node()
                        + "' inside the component): " + ex.getMessage());
            }
        }
        return new JsonSettings(values);
    }

    /** Every exposure names a unique setting of an inner node that exists. */
    private void checkExposed() {
        var seen = new HashSet<String>();
        for (ExposedSetting e : exposed()) {
            if (e.name() == null || e.name().isBlank() || !seen.add(e.name())) {
                throw new InvalidInputException("The component file exposes " + (e.name() == null || e.name().isBlank()
                        ? "a setting without a name" : "'" + e.name() + "' twice")
                        + "; give each exposed setting its own name in " + file.getFileName() + ".");
            }
            if (doc.node(e.node()).isEmpty()) {
                throw new InvalidInputException("Exposed setting '" + e.name() + "' refers to node '" + e.node()
                        + "', which is not in " + file.getFileName() + ". Fix the component file.");
            }
            if (e.setting() == null || e.setting().isBlank()) {
                throw new InvalidInputException("Exposed setting '" + e.name() + "' names no setting of node '"
                        + e.node() + "'. Fix the component file.");
            }
        }
    }

    private WorkflowDocument applyTo(ObjectNode values) {
        WorkflowDocument applied = doc;
        for (ExposedSetting e : exposed()) {
            if (values.has(e.name())) {
                applied = Parameters.set(applied, e.node() + "." + e.setting(), values.get(e.name()));
            }
        }
        return applied;
    }

    // ---------------------------------------------------------------- configure and execute

    /** The inner workflow with the settings applied and the inputs bound to these specs and objects. */
    private Workflow inner(JsonSettings settings, Map<String, PortSpec> specs, Map<String, PortObject> objects) {
        Map<String, NodeFactory<?>> bound = new HashMap<>();
        for (PortType t : BoundaryNodes.PORT_TYPES) {
            bound.put(BoundaryNodes.inputType(t), new BoundaryNodes.Input(t, specs, objects));
        }
        WorkflowDocument applied = applyTo(settings.values()).withSeed(registry.seed()).withExecution(registry.execution());
        return Workflow.load(applied, innerRegistry(bound), registry.paths());
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, JsonSettings settings, ConfigureContext ctx) {
        Map<String, PortSpec> specs = new HashMap<>();
        for (int i = 0; i < descriptor.inputs().size(); i++) {
            if (inputs.asList().get(i) != null) {
                specs.put(descriptor.inputs().get(i).name(), inputs.asList().get(i));
            }
        }
        Workflow wf = inner(settings, specs, Map.of());
        wf.configure();
        var out = new ArrayList<PortSpec>();
        for (int i = 0; i < outputNodes.size(); i++) {
            PortSpec spec = wf.inputSpecs(outputNodes.get(i).id()).get(0);
            if (spec == null) {
                throw new InvalidInputException(innerProblem(wf, "does not configure"));
            }
            out.add(spec);
        }
        return out;
    }

    /** The first problem inside, phrased so that the user finds the inner node. */
    private String innerProblem(Workflow wf, String fallback) {
        for (Problem p : wf.problems()) {
            if (p.nodeId() == null) {
                return "In component '" + Components.stemOf(typeId) + "': " + p.message();
            }
        }
        for (NodeStatus s : wf.statuses()) {
            if (s.error()) {
                String name = wf.factory(s.nodeId()).map(f -> f.descriptor().name()).orElse("?");
                return "In component '" + Components.stemOf(typeId) + "', node '" + s.nodeId() + "' (" + name + "): "
                        + s.message();
            }
        }
        return "Component '" + Components.stemOf(typeId) + "' " + fallback + ".";
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, JsonSettings settings, ExecutionContext ctx) {
        Map<String, PortSpec> specs = new HashMap<>();
        Map<String, PortObject> objects = new HashMap<>();
        for (int i = 0; i < descriptor.inputs().size(); i++) {
            PortObject o = inputs.asList().get(i);
            if (o != null) {
                objects.put(descriptor.inputs().get(i).name(), o);
                specs.put(descriptor.inputs().get(i).name(), o.spec());
            }
        }
        Workflow wf = inner(settings, specs, objects);
        var progress = new InnerProgress(wf, ctx);
        Thread watcher = cancellationWatcher(wf, ctx);
        RunResult result;
        try {
            result = wf.execute(new ExecutionOptions(Math.max(1, ctx.parallelism())), progress);
        } finally {
            watcher.interrupt();
        }
        if (result.canceled() || ctx.isCanceled()) {
            throw new CanceledException();
        }
        if (!result.success()) {
            throw new InvalidInputException(innerProblem(wf, "did not run"));
        }
        var outputs = new ArrayList<PortObject>();
        for (NodeDoc out : outputNodes) {
            ConnectionDoc wire = doc.connections().stream().filter(c -> c.to().node().equals(out.id())).findFirst()
                    .orElseThrow(() -> new InvalidInputException(innerProblem(wf, "has an unconnected output")));
            int index = wf.factory(wire.from().node()).orElseThrow().descriptor().outputIndex(wire.from().port());
            outputs.add(wf.result(wire.from().node()).orElseThrow().outputs().get(index));
        }
        // The inner nodes' charts belong to the component node: inside, nobody else shows them.
        var charts = new ArrayList<ChartSpec>();
        for (String id : wf.nodeIds()) {
            wf.result(id).ifPresent(r -> charts.addAll(r.charts()));
        }
        return new NodeResult(outputs, charts);
    }

    /**
     * The inner run has its own cancel flag: a watcher passes the enclosing node's cancellation on,
     * so a long inner node stops as promptly as it would inline.
     */
    private static Thread cancellationWatcher(Workflow wf, ExecutionContext ctx) {
        Thread t = new Thread(() -> {
            try {
                while (!ctx.isCanceled()) {
                    Thread.sleep(50);
                }
                wf.cancel();
            } catch (InterruptedException e) {
                // the inner run finished
            }
        }, "quiver-component-cancel");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Maps the inner nodes' progress onto the component node's: each inner node an equal share. */
    private static final class InnerProgress implements WorkflowListener {
        private final Workflow wf;
        private final ExecutionContext ctx;
        private final Map<String, Double> done = new ConcurrentHashMap<>();
        private final Map<String, String> names = new LinkedHashMap<>();
        private final int work;

        InnerProgress(Workflow wf, ExecutionContext ctx) {
            this.wf = wf;
            this.ctx = ctx;
            int count = 0;
            for (String id : wf.nodeIds()) {
                names.put(id, wf.factory(id).map(f -> f.descriptor().name()).orElse(id));
                count++;
            }
            this.work = Math.max(1, count);
        }

        @Override
        public void stateChanged(NodeStatus s) {
            if (s.state() == NodeState.EXECUTED) {
                done.put(s.nodeId(), 1.0);
                report(s.nodeId(), "done");
            } else if (s.state() == NodeState.EXECUTING) {
                done.putIfAbsent(s.nodeId(), 0.0);
                report(s.nodeId(), "started");
            }
        }

        @Override
        public void progress(String nodeId, double fraction, String message) {
            done.put(nodeId, Math.max(0, Math.min(1, fraction)));
            report(nodeId, message);
        }

        @Override
        public void warning(String nodeId, String message) {
            ctx.warn(nodeId + ": " + message);
        }

        private void report(String nodeId, String message) {
            double sum = done.values().stream().mapToDouble(Double::doubleValue).sum();
            ctx.progress(sum / work, names.getOrDefault(nodeId, nodeId)
                    + (message == null || message.isBlank() ? "" : ": " + message));
            if (ctx.isCanceled()) {
                wf.cancel();
            }
        }
    }
}
