package dev.quiver.engine.registry;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortObjectReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A registry over a fixed list of factories. The first factory of a type id wins. */
final class StaticNodeRegistry implements NodeRegistry {
    private final Map<String, NodeFactory<?>> byId = new LinkedHashMap<>();

    private final Map<String, PortObjectReader> readers = new LinkedHashMap<>();

    StaticNodeRegistry(List<? extends NodeFactory<?>> factories, List<? extends PortObjectReader> readers) {
        for (NodeFactory<?> f : factories) {
            byId.putIfAbsent(f.descriptor().id(), f);
        }
        for (PortObjectReader r : readers) {
            this.readers.putIfAbsent(r.formatId(), r);
        }
    }

    @Override
    public Optional<PortObjectReader> reader(String formatId) {
        return Optional.ofNullable(readers.get(formatId));
    }

    @Override
    public Optional<NodeFactory<?>> find(String typeId) {
        return Optional.ofNullable(byId.get(typeId));
    }

    @Override
    public List<NodeFactory<?>> all() {
        var list = new ArrayList<NodeFactory<?>>(byId.values());
        list.sort(PALETTE_ORDER);
        return list;
    }
}
