package dev.quiver.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.TableSpec;
import dev.quiver.engine.run.NodeStatus;
import java.util.List;
import java.util.Locale;

/** Port specs and node states as the editor reads them: column pickers need names and types, not prose. */
final class Specs {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Specs() {
    }

    static ObjectNode spec(PortSpec spec) {
        ObjectNode o = F.objectNode();
        o.put("type", spec.type().id());
        o.put("known", spec.isKnown());
        o.put("description", spec.describe());
        if (spec instanceof TableSpec t) {
            o.set("columns", columns(t.columns()));
        } else if (spec instanceof ModelSpec m) {
            o.put("task", m.task().name().toLowerCase(Locale.ROOT));
            o.set("features", columns(m.features()));
            if (m.label() != null) {
                o.put("label", m.label().name());
            }
            ArrayNode classes = o.putArray("classes");
            m.classes().forEach(classes::add);
        }
        return o;
    }

    static ArrayNode specs(List<PortSpec> specs) {
        ArrayNode arr = F.arrayNode();
        for (PortSpec s : specs) {
            if (s == null) {
                arr.addNull();
            } else {
                arr.add(spec(s));
            }
        }
        return arr;
    }

    private static ArrayNode columns(List<ColumnSpec> columns) {
        ArrayNode arr = F.arrayNode();
        for (ColumnSpec c : columns) {
            ObjectNode cj = arr.addObject();
            cj.put("name", c.name());
            cj.put("type", c.type().label());
            cj.put("role", c.role().name().toLowerCase(Locale.ROOT));
            if (!c.domain().isEmpty()) {
                ArrayNode d = cj.putArray("domain");
                c.domain().forEach(d::add);
            }
        }
        return arr;
    }

    static ObjectNode status(NodeStatus s) {
        ObjectNode o = F.objectNode();
        o.put("node", s.nodeId());
        o.put("state", s.state().name().toLowerCase(Locale.ROOT));
        if (s.message() == null) {
            o.putNull("message");
        } else {
            o.put("message", s.message());
        }
        o.put("error", s.error());
        ArrayNode w = o.putArray("warnings");
        s.warnings().forEach(w::add);
        return o;
    }
}
