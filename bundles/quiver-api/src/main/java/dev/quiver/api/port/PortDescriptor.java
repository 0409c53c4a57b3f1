package dev.quiver.api.port;

import java.util.Objects;

/** A node's input or output port: its name (unique per side), type, whether it may stay unconnected. */
public record PortDescriptor(String name, PortType type, boolean optional, String description) {
    public PortDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    public static PortDescriptor required(String name, PortType type, String description) {
        return new PortDescriptor(name, type, false, description);
    }

    public static PortDescriptor optional(String name, PortType type, String description) {
        return new PortDescriptor(name, type, true, description);
    }
}
