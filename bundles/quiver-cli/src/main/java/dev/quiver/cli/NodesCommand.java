package dev.quiver.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.engine.output.Outputs;
import dev.quiver.engine.settings.SchemaGenerator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = "List every installed node: id, name, category, ports and settings.")
final class NodesCommand implements Callable<Integer> {
    private final QuiverCommand root;

    @Option(names = "--json", description = "Print JSON, with each node's settings schema.")
    boolean json;

    NodesCommand(QuiverCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        List<NodeFactory<?>> all = root.registry.all();
        if (json) {
            ArrayNode arr = JsonNodeFactory.instance.arrayNode();
            all.forEach(f -> arr.add(describe(f)));
            root.out.print(Outputs.toJsonText(arr));
            return 0;
        }
        String category = null;
        for (NodeFactory<?> f : all) {
            NodeDescriptor d = f.descriptor();
            if (!d.category().equals(category)) {
                category = d.category();
                root.out.println(category);
            }
            root.out.printf("  %-36s %s  (%s → %s)%n", d.id(), d.name(), ports(d.inputs()), ports(d.outputs()));
        }
        root.out.println(all.size() + " nodes installed.");
        return 0;
    }

    private static String ports(List<PortDescriptor> ports) {
        if (ports.isEmpty()) {
            return "-";
        }
        return ports.stream().map(p -> p.name() + ":" + p.type().displayName() + (p.optional() ? "?" : ""))
                .collect(Collectors.joining(", "));
    }

    /** The catalogue entry of one node type, as `nodes --json` and the editor's REST API give it. */
    static ObjectNode describe(NodeFactory<?> f) {
        NodeDescriptor d = f.descriptor();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", d.id());
        o.put("version", d.version());
        o.put("name", d.name());
        o.put("category", d.category());
        o.put("description", d.description());
        o.set("inputs", portsJson(d.inputs()));
        o.set("outputs", portsJson(d.outputs()));
        o.set("settingsSchema", schema(f));
        return o;
    }

    private static <S extends Record> ObjectNode schema(NodeFactory<S> f) {
        return SchemaGenerator.schema(f.settingsType(), f.defaultSettings());
    }

    private static ArrayNode portsJson(List<PortDescriptor> ports) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        for (PortDescriptor p : ports) {
            ObjectNode o = arr.addObject();
            o.put("name", p.name());
            o.put("type", p.type().id());
            o.put("optional", p.optional());
            o.put("description", p.description());
        }
        return arr;
    }
}
