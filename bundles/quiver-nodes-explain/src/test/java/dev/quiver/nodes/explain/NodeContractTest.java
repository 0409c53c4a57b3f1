package dev.quiver.nodes.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.testkit.NodeContracts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every node of this bundle promises, whatever it computes. */
class NodeContractTest {
    static final List<NodeFactory<?>> FACTORIES = List.of(new PermutationImportanceNodeFactory(),
            new PartialDependenceNodeFactory(), new LimeNodeFactory(), new ShapNodeFactory(),
            new ModelStructureNodeFactory(), new SurrogateNodeFactory());

    @Test
    void descriptorsFollowTheConventions() {
        List<String> ids = NodeContracts.assertDescriptorConventions(FACTORIES, "quiver\\.explain\\.[a-z]+(-[a-z]+)*",
                id -> "Interpretability");
        assertEquals(6, ids.size());
    }

    @Test
    void defaultSettingsAreValidAndEverySettingIsDescribed() {
        NodeContracts.assertDefaultSettingsValidAndDescribed(FACTORIES);
    }

    @Test
    void everyFactoryIsADeclarativeServicesComponent() {
        NodeContracts.assertDeclarativeServicesComponents(FACTORIES, getClass().getClassLoader());
    }
}
