package dev.quiver.engine.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortType;
import dev.quiver.engine.doc.ComponentDoc;
import dev.quiver.engine.doc.ComponentDoc.ExposedSetting;
import dev.quiver.engine.doc.ParameterDoc;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowDocument.ConnectionDoc;
import dev.quiver.engine.doc.WorkflowDocument.Metadata;
import dev.quiver.engine.doc.WorkflowDocument.NodeDoc;
import dev.quiver.engine.doc.WorkflowDocument.PortRef;
import dev.quiver.engine.doc.WorkflowDocument.Position;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.output.NodeCatalog;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.settings.SettingsCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a selection of a workflow into a component: the selected nodes and the wires between them
 * move into a component document, each wire crossing the selection's edge becomes a boundary node
 * inside and a port outside, and the workflow gets one component node in their place. Inner node
 * ids are kept, so the component draws the same random numbers as the nodes did inline.
 */
public final class ComponentExtractor {
    private static final double BOUNDARY_GAP = 180;

    private ComponentExtractor() {
    }

    /** The new component document, the rewritten workflow and the id of the node that replaced the selection. */
    public record Extraction(WorkflowDocument component, WorkflowDocument workflow, String componentNodeId) {
    }

    /** One value that crosses the selection's edge: the output port that produces it. */
    private record Crossing(PortRef source, PortType type, String portName, String boundaryId) {
    }

    /**
     * @param registry resolves the selected nodes' types (use the workflow's registry, so that
     *     components can be nested)
     * @param stem the component's file name without {@link Components#FILE_SUFFIX}
     * @param title the component's name in the palette (the stem when blank)
     * @param exposed the inner settings the component node shows; an empty label takes the inner one
     */
    public static Extraction extract(WorkflowDocument doc, NodeRegistry registry, Collection<String> selection,
            String stem, String title, List<ExposedSetting> exposed) {
        Components.checkStem(stem);
        Set<String> selected = new LinkedHashSet<>(selection);
        if (selected.isEmpty()) {
            throw new InvalidInputException("Select the nodes that should form the component.");
        }
        Map<String, NodeDoc> byId = new LinkedHashMap<>();
        doc.nodes().forEach(n -> byId.put(n.id(), n));
        for (String id : selected) {
            if (!byId.containsKey(id)) {
                throw new InvalidInputException("There is no node '" + id + "' in the workflow (nodes: "
                        + String.join(", ", byId.keySet()) + ").");
            }
        }
        checkClosed(doc, selected);

        var inputs = new LinkedHashMap<PortRef, Crossing>();
        var outputs = new LinkedHashMap<PortRef, Crossing>();
        var usedIds = new HashSet<>(selected);
        var inputNames = new HashSet<String>();
        var outputNames = new HashSet<String>();
        var innerWires = new ArrayList<ConnectionDoc>();
        for (ConnectionDoc c : doc.connections()) {
            boolean fromIn = selected.contains(c.from().node());
            boolean toIn = selected.contains(c.to().node());
            if (fromIn && toIn) {
                innerWires.add(c);
            } else if (toIn && !inputs.containsKey(c.from())) {
                PortType type = outputType(registry, byId.get(c.from().node()), c.from().port());
                String name = unique(c.to().port(), inputNames);
                inputs.put(c.from(), new Crossing(c.from(), type, name, unique("in-" + name, usedIds)));
            } else if (fromIn && !toIn && !outputs.containsKey(c.from())) {
                PortType type = outputType(registry, byId.get(c.from().node()), c.from().port());
                String name = unique(c.from().port(), outputNames);
                outputs.put(c.from(), new Crossing(c.from(), type, name, unique("out-" + name, usedIds)));
            }
        }

        // Inside: boundary inputs left of the selection, the nodes as they were, boundary outputs right of it.
        List<NodeDoc> inner = selected.stream().map(byId::get).toList();
        double minX = inner.stream().mapToDouble(n -> n.position().x()).min().orElse(0);
        double maxX = inner.stream().mapToDouble(n -> n.position().x()).max().orElse(0);
        double minY = inner.stream().mapToDouble(n -> n.position().y()).min().orElse(0);
        var componentNodes = new ArrayList<NodeDoc>();
        var componentWires = new ArrayList<ConnectionDoc>();
        int row = 0;
        for (Crossing in : inputs.values()) {
            componentNodes.add(boundary(in, BoundaryNodes.inputType(in.type), minX - BOUNDARY_GAP, minY + 120 * row++));
            for (ConnectionDoc c : doc.connections()) {
                if (c.from().equals(in.source) && selected.contains(c.to().node())) {
                    componentWires.add(new ConnectionDoc(new PortRef(in.boundaryId,
                            BoundaryNodes.shortName(in.type)), c.to()));
                }
            }
        }
        componentNodes.addAll(inner);
        componentWires.addAll(innerWires);
        row = 0;
        for (Crossing out : outputs.values()) {
            componentNodes.add(boundary(out, BoundaryNodes.outputType(out.type), maxX + BOUNDARY_GAP,
                    minY + 120 * row++));
            componentWires.add(new ConnectionDoc(out.source, new PortRef(out.boundaryId,
                    BoundaryNodes.shortName(out.type))));
        }
        List<ExposedSetting> checkedExposed = checkExposed(exposed, selected, byId, registry);
        WorkflowDocument component = new WorkflowDocument(WorkflowDocument.COMPONENT_FORMAT,
                WorkflowDocument.CURRENT_FORMAT_VERSION,
                new Metadata(title == null || title.isBlank() ? stem : title, null, null, List.of()), doc.seed(), null,
                List.of(), new ComponentDoc(checkedExposed), componentNodes, componentWires, List.of());

        // Outside: one component node where the selection was, wired to the same neighbours.
        var outerIds = new HashSet<String>();
        doc.nodes().stream().filter(n -> !selected.contains(n.id())).forEach(n -> outerIds.add(n.id()));
        String nodeId = unique(stem, outerIds);
        ObjectNode settings = WorkflowJson.mapper().createObjectNode();
        for (ExposedSetting e : checkedExposed) {
            settings.set(e.name(), currentValue(byId.get(e.node()), e.setting(), registry));
        }
        double cx = inner.stream().mapToDouble(n -> n.position().x()).average().orElse(0);
        double cy = inner.stream().mapToDouble(n -> n.position().y()).average().orElse(0);
        NodeDoc componentNode = new NodeDoc(nodeId, Components.typeOf(stem), 1, new Position(Math.round(cx),
                Math.round(cy)), settings, null);
        var outerNodes = new ArrayList<NodeDoc>();
        boolean placed = false;
        for (NodeDoc n : doc.nodes()) {
            if (!selected.contains(n.id())) {
                outerNodes.add(n);
            } else if (!placed) {
                outerNodes.add(componentNode);
                placed = true;
            }
        }
        var outerWires = new ArrayList<ConnectionDoc>();
        var wiredInputs = new HashSet<PortRef>();
        for (ConnectionDoc c : doc.connections()) {
            boolean fromIn = selected.contains(c.from().node());
            boolean toIn = selected.contains(c.to().node());
            if (!fromIn && !toIn) {
                outerWires.add(c);
            } else if (toIn && !fromIn && wiredInputs.add(c.from())) {
                outerWires.add(new ConnectionDoc(c.from(), new PortRef(nodeId, inputs.get(c.from()).portName)));
            } else if (fromIn && !toIn) {
                outerWires.add(new ConnectionDoc(new PortRef(nodeId, outputs.get(c.from()).portName), c.to()));
            }
        }
        WorkflowDocument workflow = doc.withNodes(outerNodes, outerWires)
                .withParameters(retarget(doc.parameters(), selected, checkedExposed, nodeId));
        return new Extraction(component, workflow, nodeId);
    }

    /**
     * A selection is a component only if no path leaves it and comes back: the component node would
     * then be its own ancestor.
     */
    private static void checkClosed(WorkflowDocument doc, Set<String> selected) {
        Set<String> downstream = reach(doc, selected, true);
        Set<String> upstream = reach(doc, selected, false);
        for (String id : downstream) {
            if (!selected.contains(id) && upstream.contains(id)) {
                throw new InvalidInputException("Node '" + id + "' takes data from the selection and feeds data back "
                        + "into it, so the selection cannot become one node. Add '" + id + "' to the selection.");
            }
        }
    }

    private static Set<String> reach(WorkflowDocument doc, Set<String> start, boolean forward) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            String id = todo.poll();
            for (ConnectionDoc c : doc.connections()) {
                String from = forward ? c.from().node() : c.to().node();
                String to = forward ? c.to().node() : c.from().node();
                if (from.equals(id) && seen.add(to)) {
                    todo.add(to);
                }
            }
        }
        return seen;
    }

    private static PortType outputType(NodeRegistry registry, NodeDoc node, String port) {
        NodeFactory<?> f = registry.find(node.type()).orElseThrow(() -> new InvalidInputException("Node '" + node.id()
                + "' has type '" + node.type() + "', which is not installed, so the type of its port '" + port
                + "' is unknown. Install it or leave the node out of the selection."));
        int index = f.descriptor().outputIndex(port);
        if (index < 0) {
            throw new InvalidInputException("Node '" + node.id() + "' has no output port '" + port + "'. Fix the wire "
                    + "first.");
        }
        return f.descriptor().outputs().get(index).type();
    }

    private static NodeDoc boundary(Crossing c, String type, double x, double y) {
        ObjectNode s = WorkflowJson.mapper().createObjectNode();
        s.put("port", c.portName);
        return new NodeDoc(c.boundaryId, type, 1, new Position(x, y), s, null);
    }

    private static String unique(String wanted, Set<String> used) {
        String base = wanted == null || wanted.isBlank() ? "port" : wanted;
        String name = base;
        for (int i = 2; used.contains(name); i++) {
            name = base + "-" + i;
        }
        used.add(name);
        return name;
    }

    private static List<ExposedSetting> checkExposed(List<ExposedSetting> exposed, Set<String> selected,
            Map<String, NodeDoc> byId, NodeRegistry registry) {
        var names = new HashSet<String>();
        var result = new ArrayList<ExposedSetting>();
        for (ExposedSetting e : exposed == null ? List.<ExposedSetting>of() : exposed) {
            if (!selected.contains(e.node())) {
                throw new InvalidInputException("Exposed setting '" + e.name() + "' belongs to node '" + e.node()
                        + "', which is not in the selection. Expose settings of selected nodes only.");
            }
            NodeFactory<?> f = registry.find(byId.get(e.node()).type()).orElseThrow(() -> new InvalidInputException(
                    "Node '" + e.node() + "' is not installed, so its settings cannot be exposed."));
            JsonNode props = NodeCatalog.schema(f).path("properties");
            if (!props.has(e.setting())) {
                var known = new ArrayList<String>();
                props.fieldNames().forEachRemaining(known::add);
                throw new InvalidInputException("Node '" + e.node() + "' has no setting '" + e.setting()
                        + "' (settings: " + String.join(", ", known) + ").");
            }
            String name = e.name() == null || e.name().isBlank() ? e.setting() : e.name();
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]*") || !names.add(name)) {
                throw new InvalidInputException("Exposed setting name '" + name + "' is " + (names.contains(name)
                        ? "used twice" : "not allowed") + ": give each a name of letters, digits, '-' or '_'.");
            }
            String label = e.label() == null || e.label().isBlank()
                    ? props.path(e.setting()).path("title").asText(e.setting()) : e.label();
            result.add(new ExposedSetting(name, label, e.description(), e.node(), e.setting()));
        }
        return result;
    }

    private static JsonNode currentValue(NodeDoc node, String setting, NodeRegistry registry) {
        if (node.settings() != null && node.settings().has(setting)) {
            return node.settings().get(setting);
        }
        return SettingsCodec.toJson(registry.find(node.type()).orElseThrow().defaultSettings()).get(setting);
    }

    /**
     * Workflow parameters that set a setting which moves into the component now set the component
     * node's exposed setting; one that is not exposed would silently stop working, so that is an error.
     */
    private static List<ParameterDoc> retarget(List<ParameterDoc> parameters, Set<String> selected,
            List<ExposedSetting> exposed, String nodeId) {
        var result = new ArrayList<ParameterDoc>();
        for (ParameterDoc p : parameters) {
            var targets = new ArrayList<String>();
            for (String t : p.targets()) {
                int dot = t.indexOf('.');
                String node = dot < 0 ? t : t.substring(0, dot);
                if (!selected.contains(node)) {
                    targets.add(t);
                    continue;
                }
                String setting = t.substring(dot + 1);
                String name = exposed.stream().filter(e -> e.node().equals(node) && e.setting().equals(setting))
                        .map(ExposedSetting::name).findFirst().orElseThrow(() -> new InvalidInputException(
                                "Workflow parameter '" + p.name() + "' sets '" + t + "', which moves into the "
                                        + "component. Expose that setting so the parameter can still set it."));
                targets.add(nodeId + "." + name);
            }
            result.add(new ParameterDoc(p.name(), p.label(), p.description(), p.defaultValue(), targets));
        }
        return result;
    }
}
