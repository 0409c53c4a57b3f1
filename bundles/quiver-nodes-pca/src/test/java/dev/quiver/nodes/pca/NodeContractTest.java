package dev.quiver.nodes.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Settings;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every node of this bundle promises, whatever it computes. */
class NodeContractTest {
    static final List<NodeFactory<?>> FACTORIES = List.of(new PcaNodeFactory(), new KernelPcaNodeFactory(),
            new InverseTransformNodeFactory());

    @Test
    void descriptorsFollowTheConventions() {
        var ids = new HashSet<String>();
        for (NodeFactory<?> f : FACTORIES) {
            var d = f.descriptor();
            assertTrue(ids.add(d.id()), "duplicate id " + d.id());
            assertTrue(d.id().matches("quiver\\.pca\\.[a-z]+(-[a-z]+)*"), d.id());
            assertEquals(1, d.version(), d.id());
            assertEquals("Dimensionality reduction", d.category(), d.id());
            assertFalse(d.description().isBlank(), d.id());
            d.inputs().forEach(p -> assertTrue(p.name().matches("[a-z_]+"), d.id() + " port " + p.name()));
            d.outputs().forEach(p -> assertTrue(p.name().matches("[a-z_]+"), d.id() + " port " + p.name()));
            String stem = f.getClass().getSimpleName().replace("NodeFactory", "");
            assertEquals(stem + "Settings", f.settingsType().getSimpleName(), "settings record of " + d.id());
        }
        assertEquals(List.of("quiver.pca.pca", "quiver.pca.kernel-pca", "quiver.pca.inverse-transform"),
                FACTORIES.stream().map(f -> f.descriptor().id()).toList());
    }

    @Test
    void defaultSettingsAreValidAndEverySettingIsDescribed() {
        for (NodeFactory<?> f : FACTORIES) {
            Record defaults = f.defaultSettings();
            assertEquals(f.settingsType(), defaults.getClass());
            Settings.validate(defaults);
            for (RecordComponent c : f.settingsType().getRecordComponents()) {
                Description d = c.getAnnotation(Description.class);
                assertNotNull(d, f.descriptor().id() + " setting " + c.getName() + " lacks @Description");
                assertFalse(d.value().isBlank());
            }
        }
    }

    /** bnd turns each @Component into a DS descriptor before the tests run; the engine finds nodes through it. */
    @Test
    void everyFactoryIsADeclarativeServicesComponent() {
        var components = new java.util.ArrayList<Object>(FACTORIES);
        components.add(new PcaTransformReader());
        components.add(new KernelPcaTransformReader());
        for (Object f : components) {
            String xml = "OSGI-INF/" + f.getClass().getName() + ".xml";
            assertNotNull(getClass().getClassLoader().getResource(xml), "missing " + xml);
        }
    }
}
