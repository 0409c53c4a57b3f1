package dev.quiver.engine.registry;

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
