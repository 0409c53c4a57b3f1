package dev.quiver.engine.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.engine.settings.DynamicSettingsFactory;
import dev.quiver.engine.settings.SchemaGenerator;
import java.util.List;

/** The catalogue entry of a node type, as `quiver nodes --json` and the editor's REST API give it. */
public final class NodeCatalog {
    private NodeCatalog() {
    }

    public static ArrayNode describeAll(List<NodeFactory<?>> factories) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        factories.forEach(f -> arr.add(describe(f)));
        return arr;
    }

    /** id, version, name, category, description, ports (name, type id, color, optional) and the settings schema. */
    public static ObjectNode describe(NodeFactory<?> f) {
        NodeDescriptor d = f.descriptor();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", d.id());
        o.put("version", d.version());
        o.put("name", d.name());
        o.put("category", d.category());
        o.put("description", d.description());
        o.set("inputs", ports(d.inputs()));
        o.set("outputs", ports(d.outputs()));
        o.set("settingsSchema", schema(f));
        return o;
    }

    /** The settings schema of a node type: generated from its settings record, or given by a component. */
    public static <S extends Record> ObjectNode schema(NodeFactory<S> f) {
        if (f instanceof DynamicSettingsFactory dynamic) {
            return dynamic.settingsSchema();
        }
        return SchemaGenerator.schema(f.settingsType(), f.defaultSettings());
    }

    private static ArrayNode ports(List<PortDescriptor> ports) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (PortDescriptor p : ports) {
            ObjectNode o = arr.addObject();
            o.put("name", p.name());
            o.put("type", p.type().id());
            o.put("typeName", p.type().displayName());
            o.put("color", p.type().color());
            o.put("optional", p.optional());
            o.put("description", p.description());
        }
        return arr;
    }
}
