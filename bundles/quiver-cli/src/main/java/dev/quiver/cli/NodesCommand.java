package dev.quiver.cli;

import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.engine.output.NodeCatalog;
import dev.quiver.engine.output.Outputs;
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
            root.out.print(Outputs.toJsonText(NodeCatalog.describeAll(all)));
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
        root.out.println("Execution backends: local (this machine's threads)" + root.registry.backends().stream()
                .map(b -> ", " + b.id() + " (" + b.description() + ")").collect(Collectors.joining()));
        return 0;
    }

    private static String ports(List<PortDescriptor> ports) {
        if (ports.isEmpty()) {
            return "-";
        }
        return ports.stream().map(p -> p.name() + ":" + p.type().displayName() + (p.optional() ? "?" : ""))
                .collect(Collectors.joining(", "));
    }
}
