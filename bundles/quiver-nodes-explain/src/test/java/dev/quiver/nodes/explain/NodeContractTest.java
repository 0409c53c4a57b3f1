package dev.quiver.nodes.explain;

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
    static final List<NodeFactory<?>> FACTORIES = List.of(new PermutationImportanceNodeFactory(),
            new PartialDependenceNodeFactory(), new LimeNodeFactory(), new ShapNodeFactory(),
            new ModelStructureNodeFactory(), new SurrogateNodeFactory());

    @Test
    void descriptorsFollowTheConventions() {
        var ids = new HashSet<String>();
        for (NodeFactory<?> f : FACTORIES) {
            var d = f.descriptor();
            assertTrue(ids.add(d.id()), "duplicate id " + d.id());
            assertTrue(d.id().matches("quiver\\.explain\\.[a-z]+(-[a-z]+)*"), d.id());
            assertEquals(1, d.version(), d.id());
            assertEquals("Interpretability", d.category(), d.id());
            assertFalse(d.description().isBlank(), d.id());
            d.inputs().forEach(p -> assertTrue(p.name().matches("[a-z_]+"), d.id() + " port " + p.name()));
            d.outputs().forEach(p -> assertTrue(p.name().matches("[a-z_]+"), d.id() + " port " + p.name()));
            String stem = f.getClass().getSimpleName().replace("NodeFactory", "");
            assertEquals(stem + "Settings", f.settingsType().getSimpleName(), "settings record of " + d.id());
        }
        assertEquals(6, ids.size());
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
        for (NodeFactory<?> f : FACTORIES) {
            String xml = "OSGI-INF/" + f.getClass().getName() + ".xml";
            assertNotNull(getClass().getClassLoader().getResource(xml), "missing " + xml);
        }
    }
}
