package dev.quiver.engine.settings;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Settings whose shape is only known at run time (a component's exposed settings), kept as the JSON
 * object itself. A defensive copy: records are immutable everywhere else, and these must be too.
 */
public record JsonSettings(ObjectNode values) {
    public JsonSettings {
        values = values == null ? JsonNodeFactory.instance.objectNode() : values.deepCopy();
    }

    @Override
    public ObjectNode values() {
        return values.deepCopy();
    }
}
