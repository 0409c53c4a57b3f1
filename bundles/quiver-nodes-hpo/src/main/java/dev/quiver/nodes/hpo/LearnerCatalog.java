package dev.quiver.nodes.hpo;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.LearnerSpec;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds the settings record of a learner through the node that made it: a {@link LearnerSpec}
 * names its node type, and that node's factory declares its settings type, whose components and
 * annotations are the learner's schema. This needs nothing from a learner beyond the node SPI, so
 * every learner node — Tribuo, DL4J, any future one — gets a search space without per-learner code.
 */
final class LearnerCatalog {
    private final List<NodeFactory<?>> factories = new CopyOnWriteArrayList<>();

    void add(NodeFactory<?> factory) {
        factories.add(factory);
    }

    void remove(NodeFactory<?> factory) {
        factories.remove(factory);
    }

    Optional<Class<? extends Record>> settingsType(String nodeTypeId) {
        for (NodeFactory<?> f : factories) {
            if (f.descriptor().id().equals(nodeTypeId)) {
                return Optional.of(f.settingsType());
            }
        }
        return Optional.empty();
    }

    /** The learner's schema; only its printed settings when its node is not installed here. */
    LearnerSchema schema(LearnerSpec learner) {
        return settingsType(learner.nodeTypeId())
                .map(t -> LearnerSchema.of(t, learner.settings()))
                .orElseGet(() -> LearnerSchema.fromPrintedSettings(learner.settings()));
    }
}
