package dev.quiver.engine.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.settings.Settings;
import dev.quiver.engine.doc.WorkflowJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds a node's settings JSON to its settings record and back. Settings missing from the JSON take
 * the node's defaults, so files stay short and gain new settings with their defaults; unknown
 * settings are an error naming the known ones, since silently ignoring a misspelt setting would run
 * the workflow with values the author did not choose.
 */
public final class SettingsCodec {
    private SettingsCodec() {
    }

    public static ObjectNode toJson(Record settings) {
        if (settings instanceof JsonSettings json) {
            return json.values();
        }
        return WorkflowJson.mapper().valueToTree(settings);
    }

    /** The node's default settings overlaid with {@code json}, validated. */
    public static <S extends Record> S fromJson(NodeFactory<S> factory, JsonNode json) {
        if (factory instanceof DynamicSettingsFactory dynamic) {
            return factory.settingsType().cast(dynamic.bindSettings(json));
        }
        S defaults = factory.defaultSettings();
        if (json == null || json.isNull() || json.isEmpty()) {
            return Settings.validate(defaults);
        }
        if (!json.isObject()) {
            throw new InvalidInputException("Settings must be a JSON object, not " + json.getNodeType());
        }
        ObjectNode merged = toJson(defaults);
        List<String> known = Arrays.stream(factory.settingsType().getRecordComponents()).map(c -> c.getName()).toList();
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            var e = it.next();
            if (!known.contains(e.getKey())) {
                unknown.add(e.getKey());
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("Unknown setting" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(u -> "'" + u + "'").collect(Collectors.joining(", "))
                    + " (known settings: " + String.join(", ", known) + "). Remove or rename it.");
        }
        try {
            return Settings.validate(WorkflowJson.mapper().treeToValue(merged, factory.settingsType()));
        } catch (InvalidFormatException e) {
            throw new InvalidInputException("Setting '" + path(e) + "' cannot be " + e.getValue() + ": expected "
                    + describe(e.getTargetType()) + ".");
        } catch (MismatchedInputException e) {
            throw new InvalidInputException("Setting '" + path(e) + "' has the wrong kind of value: expected "
                    + describe(e.getTargetType()) + ".");
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof InvalidInputException iie) {
                throw iie;
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException("Invalid settings: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException("Invalid settings: " + e.getMessage());
        }
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }
}
