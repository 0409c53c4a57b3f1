package dev.quiver.engine.registry;

import dev.quiver.api.node.ExecutionBackendFactory;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortObjectReader;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The node types (and readers of saved port objects) installed right now. In OSGi they come and go with their bundles. */
public interface NodeRegistry {
    Optional<NodeFactory<?>> find(String typeId);

    /** Every installed node type, by category and then name. */
    List<NodeFactory<?>> all();

    /** The installed reader of a saved port object format. */
    default Optional<PortObjectReader> reader(String formatId) {
        return Optional.empty();
    }

    /** The installed execution backends besides the local one (a Spark feature adds "spark"). */
    default List<ExecutionBackendFactory> backends() {
        return List.of();
    }

    /** The installed execution backend with this id. */
    default Optional<ExecutionBackendFactory> backend(String id) {
        return backends().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** This registry with the given execution backends added (tests and embedding). */
    default NodeRegistry withBackends(List<? extends ExecutionBackendFactory> extra) {
        NodeRegistry base = this;
        List<ExecutionBackendFactory> all = new java.util.ArrayList<>(base.backends());
        all.addAll(extra);
        return new NodeRegistry() {
            @Override
            public Optional<NodeFactory<?>> find(String typeId) {
                return base.find(typeId);
            }

            @Override
            public List<NodeFactory<?>> all() {
                return base.all();
            }

            @Override
            public Optional<PortObjectReader> reader(String formatId) {
                return base.reader(formatId);
            }

            @Override
            public List<ExecutionBackendFactory> backends() {
                return List.copyOf(all);
            }
        };
    }

    /** Orders factories for the palette and {@code quiver nodes}. */
    Comparator<NodeFactory<?>> PALETTE_ORDER = Comparator
            .comparing((NodeFactory<?> f) -> f.descriptor().category())
            .thenComparing(f -> f.descriptor().name())
            .thenComparing(f -> f.descriptor().id());

    /** A fixed registry, for tests and embedding without OSGi. */
    static NodeRegistry of(List<? extends NodeFactory<?>> factories) {
        return new StaticNodeRegistry(factories, List.of());
    }

    /** A fixed registry with readers of saved port objects. */
    static NodeRegistry of(List<? extends NodeFactory<?>> factories, List<? extends PortObjectReader> readers) {
        return new StaticNodeRegistry(factories, readers);
    }
}
