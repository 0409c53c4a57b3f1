package dev.quiver.engine.internal;

import dev.quiver.api.node.ExecutionBackendFactory;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.engine.registry.NodeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard: every {@link NodeFactory} service is a node type. Dynamic and multiple, so node
 * bundles installed or removed while Quiver runs make their nodes appear and disappear.
 */
@Component(service = NodeRegistry.class, immediate = true)
public final class OsgiNodeRegistry implements NodeRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(OsgiNodeRegistry.class);
    private final List<NodeFactory<?>> factories = new CopyOnWriteArrayList<>();
    private final List<PortObjectReader> readers = new CopyOnWriteArrayList<>();
    private final List<ExecutionBackendFactory> backends = new CopyOnWriteArrayList<>();

    @Reference(service = NodeFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addFactory(NodeFactory<?> factory) {
        String id = factory.descriptor().id();
        if (find(id).isPresent()) {
            LOG.warn("Two bundles provide node type {}; the first one installed is used", id);
        }
        factories.add(factory);
        LOG.debug("Node type {} added", id);
    }

    void removeFactory(NodeFactory<?> factory) {
        factories.remove(factory);
        LOG.debug("Node type {} removed", factory.descriptor().id());
    }

    @Reference(service = PortObjectReader.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addReader(PortObjectReader reader) {
        readers.add(reader);
    }

    void removeReader(PortObjectReader reader) {
        readers.remove(reader);
    }

    @Reference(service = ExecutionBackendFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addBackend(ExecutionBackendFactory backend) {
        backends.add(backend);
        LOG.debug("Execution backend {} added", backend.id());
    }

    void removeBackend(ExecutionBackendFactory backend) {
        backends.remove(backend);
    }

    @Override
    public List<ExecutionBackendFactory> backends() {
        return List.copyOf(backends);
    }

    @Override
    public Optional<PortObjectReader> reader(String formatId) {
        return readers.stream().filter(r -> r.formatId().equals(formatId)).findFirst();
    }

    @Override
    public Optional<NodeFactory<?>> find(String typeId) {
        for (NodeFactory<?> f : factories) {
            if (f.descriptor().id().equals(typeId)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<NodeFactory<?>> all() {
        var seen = new java.util.HashSet<String>();
        var list = new ArrayList<NodeFactory<?>>();
        for (NodeFactory<?> f : factories) {
            if (seen.add(f.descriptor().id())) {
                list.add(f);
            }
        }
        list.sort(PALETTE_ORDER);
        return list;
    }
}
