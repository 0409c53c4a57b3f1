package dev.quiver.nodes.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.testkit.NodeContracts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every node of this bundle promises, whatever it computes. */
class NodeContractTest {
    static final List<NodeFactory<?>> FACTORIES = List.of(new PcaNodeFactory(), new KernelPcaNodeFactory(),
            new InverseTransformNodeFactory());

    @Test
    void descriptorsFollowTheConventions() {
        List<String> ids = NodeContracts.assertDescriptorConventions(FACTORIES, "quiver\\.pca\\.[a-z]+(-[a-z]+)*",
                id -> "Dimensionality reduction");
        assertEquals(List.of("quiver.pca.pca", "quiver.pca.kernel-pca", "quiver.pca.inverse-transform"), ids);
    }

    @Test
    void defaultSettingsAreValidAndEverySettingIsDescribed() {
        NodeContracts.assertDefaultSettingsValidAndDescribed(FACTORIES);
    }

    @Test
    void everyFactoryIsADeclarativeServicesComponent() {
        var components = new java.util.ArrayList<Object>(FACTORIES);
        components.add(new PcaTransformReader());
        components.add(new KernelPcaTransformReader());
        NodeContracts.assertDeclarativeServicesComponents(components, getClass().getClassLoader());
    }
}
