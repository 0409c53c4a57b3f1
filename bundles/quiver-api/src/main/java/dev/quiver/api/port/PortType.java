package dev.quiver.api.port;

import java.util.Objects;

/**
 * A kind of port. Identified by a stable string id (never a Java class name), so workflow files and
 * the editor do not depend on class names. Two ports connect only if their ids are equal.
 */
public record PortType(String id, String displayName, String color) {

    public static final PortType TABLE = new PortType("quiver.table", "Table", "#1f77b4");
    public static final PortType LEARNER = new PortType("quiver.learner", "Learner", "#ff7f0e");
    public static final PortType MODEL = new PortType("quiver.model", "Model", "#2ca02c");
    public static final PortType TRANSFORM = new PortType("quiver.transform", "Transform", "#9467bd");

    public PortType {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** Whether an output of type {@code from} may be wired into an input of this type. */
    public boolean accepts(PortType from) {
        return id.equals(from.id);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
