package dev.quiver.engine.component;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The nodes that mark a component's ports. An input node stands for a value the enclosing workflow
 * wires in; an output node marks a value the component hands back. There is one node type per port
 * type because a node type's ports are fixed: that keeps wiring checks inside a component exactly
 * as strict as anywhere else.
 */
public final class BoundaryNodes {
    public static final List<PortType> PORT_TYPES = List.of(PortType.TABLE, PortType.LEARNER, PortType.MODEL,
            PortType.TRANSFORM);
    private static final Pattern PORT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private BoundaryNodes() {
    }

    @Description("One port of the component, as the workflow that uses the component sees it.")
    public record BoundarySettings(
            @Label("Port name") @Description("The port's name on the component node (letters, digits, '-', '_').")
            String port,
            @Description("What the port carries, shown on the component node's port.") String description) {
        public BoundarySettings {
            if (port == null || !PORT_NAME.matcher(port).matches()) {
                throw new InvalidInputException("Port name '" + port + "' is not allowed: start with a letter, then "
                        + "letters, digits, '-' or '_' (for example 'data').");
            }
            description = description == null ? "" : description;
        }
    }

    public static String inputType(PortType type) {
        return "quiver.component.input-" + shortName(type);
    }

    public static String outputType(PortType type) {
        return "quiver.component.output-" + shortName(type);
    }

    public static boolean isInput(String typeId) {
        return typeId != null && typeId.startsWith("quiver.component.input-");
    }

    public static boolean isOutput(String typeId) {
        return typeId != null && typeId.startsWith("quiver.component.output-");
    }

    public static Optional<PortType> portTypeOf(String typeId) {
        return PORT_TYPES.stream().filter(t -> typeId.equals(inputType(t)) || typeId.equals(outputType(t))).findFirst();
    }

    static String shortName(PortType type) {
        return type.displayName().toLowerCase(Locale.ROOT);
    }

    /** Every boundary node type, unbound (inputs give unknown specs): for editing a component on its own. */
    public static List<NodeFactory<?>> unbound() {
        var list = new java.util.ArrayList<NodeFactory<?>>();
        for (PortType t : PORT_TYPES) {
            list.add(new Input(t, Map.of(), Map.of()));
            list.add(new Output(t));
        }
        return list;
    }

    /**
     * A component input. Inside a running component it is bound to what the enclosing workflow wired
     * in (by port name); opened on its own it has nothing, so downstream nodes configure with unknown
     * specs and running explains where the value comes from.
     */
    static final class Input implements NodeFactory<BoundarySettings> {
        private final PortType type;
        private final Map<String, PortSpec> specs;
        private final Map<String, PortObject> objects;

        Input(PortType type, Map<String, PortSpec> specs, Map<String, PortObject> objects) {
            this.type = type;
            this.specs = specs;
            this.objects = objects;
        }

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor(inputType(type), 1, "Component Input (" + type.displayName() + ")", CATEGORY_INNER,
                    "Marks an input port of a component: the " + type.displayName() + " that the workflow using the "
                            + "component wires into the port of this name. Ports appear in the order of these nodes.",
                    List.of(), List.of(PortDescriptor.required(shortName(type), type, "")));
        }

        @Override
        public Class<BoundarySettings> settingsType() {
            return BoundarySettings.class;
        }

        @Override
        public BoundarySettings defaultSettings() {
            return new BoundarySettings(shortName(type), "");
        }

        @Override
        public List<PortSpec> configure(Ports<PortSpec> inputs, BoundarySettings s, ConfigureContext ctx) {
            PortSpec spec = specs.get(s.port());
            return List.of(spec == null ? PortSpec.unknown(type) : spec);
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, BoundarySettings s, ExecutionContext ctx) {
            PortObject o = objects.get(s.port());
            if (o == null) {
                throw new InvalidInputException("Component input '" + s.port() + "' has no value: the workflow that "
                        + "uses this component wires it in. Run that workflow to run the component.");
            }
            return NodeResult.of(o);
        }
    }

    /** A component output: the value wired into it leaves the component through the port of this name. */
    static final class Output implements NodeFactory<BoundarySettings> {
        private final PortType type;

        Output(PortType type) {
            this.type = type;
        }

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor(outputType(type), 1, "Component Output (" + type.displayName() + ")",
                    CATEGORY_INNER, "Marks an output port of a component: the " + type.displayName() + " wired into "
                            + "this node leaves the component through the port of this name.",
                    List.of(PortDescriptor.required(shortName(type), type, "")), List.of());
        }

        @Override
        public Class<BoundarySettings> settingsType() {
            return BoundarySettings.class;
        }

        @Override
        public BoundarySettings defaultSettings() {
            return new BoundarySettings(shortName(type), "");
        }

        @Override
        public List<PortSpec> configure(Ports<PortSpec> inputs, BoundarySettings s, ConfigureContext ctx) {
            return List.of();
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, BoundarySettings s, ExecutionContext ctx) {
            return NodeResult.of();
        }
    }

    /** Boundary nodes sit in their own palette group, next to the components themselves. */
    static final String CATEGORY_INNER = "Component ports";
}
