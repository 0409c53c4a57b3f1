package dev.quiver.api.port;

import java.util.Map;

/**
 * Configure-time description of a learner: its name, task, the node type that made it, and its
 * settings in a printable form.
 */
public record LearnerSpec(String name, Task task, String nodeTypeId, Map<String, String> settings) implements PortSpec {
    public LearnerSpec {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    @Override
    public PortType type() {
        return PortType.LEARNER;
    }

    @Override
    public String describe() {
        return name + " (" + task.name().toLowerCase() + ")";
    }
}
