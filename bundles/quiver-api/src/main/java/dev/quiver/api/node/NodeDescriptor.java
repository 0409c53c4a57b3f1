package dev.quiver.api.node;

import dev.quiver.api.port.PortDescriptor;
import java.util.List;
import java.util.Objects;

/**
 * Who a node is: a stable type id ({@code quiver.prep.normalizer}), the version of its settings
 * format, a name and category for the palette, a description (Markdown) and its ports.
 */
public record NodeDescriptor(String id, int version, String name, String category, String description,
        List<PortDescriptor> inputs, List<PortDescriptor> outputs) {

    public NodeDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        category = category == null ? "Other" : category;
        description = description == null ? "" : description;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (version < 1) {
            throw new IllegalArgumentException("Node version must be at least 1: " + id);
        }
        checkUnique(id, inputs);
        checkUnique(id, outputs);
    }

    private static void checkUnique(String id, List<PortDescriptor> ports) {
        var names = new java.util.HashSet<String>();
        for (PortDescriptor p : ports) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("Duplicate port name '" + p.name() + "' in node " + id);
            }
        }
    }

    /** Index of the named input port, or -1. */
    public int inputIndex(String portName) {
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(portName)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the named output port, or -1. */
    public int outputIndex(String portName) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).name().equals(portName)) {
                return i;
            }
        }
        return -1;
    }
}
