package dev.quiver.engine.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A node type whose settings are described and validated by the factory itself instead of by a
 * settings record: a component, whose settings are the inner settings its author chose to expose.
 * {@link SettingsCodec} and the node catalogue ask this interface before looking at
 * {@code settingsType()}.
 */
public interface DynamicSettingsFactory {
    /** The JSON Schema of the settings, in the same dialect {@link SchemaGenerator} writes. */
    ObjectNode settingsSchema();

    /**
     * Defaults overlaid with {@code json}, validated; throws
     * {@link dev.quiver.api.InvalidInputException} naming the bad setting and what is allowed.
     */
    JsonSettings bindSettings(JsonNode json);
}
