package dev.quiver.engine.settings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Range;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.settings.Tunable;
import dev.quiver.api.table.ColumnType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Generates a JSON Schema (draft 2020-12) from a settings record: the editor renders the dialog
 * from it and Hyperparameter Search derives its search space from it. Quiver-specific hints use
 * {@code x-quiver-*} keywords: column pickers ({@code x-quiver-column}), a logarithmic scale, and
 * whether a setting is tunable or a training budget.
 *
 * <p>Hand-written rather than a general generator: settings records use a closed, small vocabulary
 * (primitives, strings, enums, lists, nested records), and the Quiver annotations need custom
 * handling either way.
 */
public final class SchemaGenerator {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SchemaGenerator() {
    }

    /** The schema of {@code type}, with defaults from {@code defaults}. */
    public static ObjectNode schema(Class<? extends Record> type, Record defaults) {
        ObjectNode root = objectSchema(type, defaults);
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        return root;
    }

    private static ObjectNode objectSchema(Class<?> type, Record defaults) {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        Description d = type.getAnnotation(Description.class);
        if (d != null) {
            s.put("description", d.value());
        }
        ObjectNode props = s.putObject("properties");
        ArrayNode required = F.arrayNode();
        ObjectNode defaultsJson = defaults == null ? null : SettingsCodec.toJson(defaults);
        for (RecordComponent c : type.getRecordComponents()) {
            ObjectNode p = typeSchema(c.getGenericType());
            p.put("title", Settings.label(c));
            Description cd = c.getAnnotation(Description.class);
            if (cd != null) {
                p.put("description", cd.value());
            }
            Range r = c.getAnnotation(Range.class);
            if (r != null) {
                if (r.min() != Double.NEGATIVE_INFINITY) {
                    putNumber(p, "minimum", r.min());
                }
                if (r.max() != Double.POSITIVE_INFINITY) {
                    putNumber(p, "maximum", r.max());
                }
                if (r.log()) {
                    p.put("x-quiver-scale", "log");
                }
            }
            ColumnRef col = c.getAnnotation(ColumnRef.class);
            if (col != null) {
                ObjectNode cs = p.putObject("x-quiver-column");
                cs.put("port", col.port());
                ArrayNode types = cs.putArray("types");
                for (ColumnType t : col.types()) {
                    types.add(t.label());
                }
                cs.put("multiple", List.class.isAssignableFrom(c.getType()));
                cs.put("optional", col.optional());
            }
            Tunable t = c.getAnnotation(Tunable.class);
            boolean tunableByDefault = col == null && (c.getType().isEnum() || c.getType() == boolean.class
                    || (r != null && isNumeric(c.getType())));
            p.put("x-quiver-tunable", t == null ? tunableByDefault : t.value());
            if (t != null && t.budget()) {
                p.put("x-quiver-budget", true);
            }
            if (defaultsJson != null && defaultsJson.has(c.getName())) {
                p.set("default", defaultsJson.get(c.getName()));
            }
            props.set(c.getName(), p);
            required.add(c.getName());
        }
        s.set("required", required);
        s.put("additionalProperties", false);
        return s;
    }

    private static ObjectNode typeSchema(Type type) {
        ObjectNode p = F.objectNode();
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            p.put("type", "integer");
        } else if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class) {
            p.put("type", "number");
        } else if (raw == boolean.class || raw == Boolean.class) {
            p.put("type", "boolean");
        } else if (raw == String.class) {
            p.put("type", "string");
        } else if (raw.isEnum()) {
            p.put("type", "string");
            ArrayNode values = p.putArray("enum");
            for (Object e : raw.getEnumConstants()) {
                values.add(((Enum<?>) e).name());
            }
        } else if (List.class.isAssignableFrom(raw)) {
            p.put("type", "array");
            Type item = type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : String.class;
            p.set("items", typeSchema(item));
        } else if (raw.isRecord()) {
            return objectSchema(raw, null);
        } else {
            throw new IllegalArgumentException("Settings may not use type " + raw.getName()
                    + " (use primitives, String, enums, List or records)");
        }
        return p;
    }

    private static boolean isNumeric(Class<?> t) {
        return t == int.class || t == long.class || t == double.class || t == float.class;
    }

    private static void putNumber(ObjectNode p, String key, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            p.put(key, (long) v);
        } else {
            p.put(key, v);
        }
    }
}
