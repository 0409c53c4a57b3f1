package dev.quiver.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Settings;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

/** The conventions every node bundle's factories keep, checked the same way in each bundle's tests. */
public final class NodeContracts {
    private NodeContracts() {
    }

    /**
     * Unique ids matching {@code idPattern}, version 1, the category {@code categoryOf} gives for the
     * id, a description, lower-case port names, and a settings record named after the factory
     * ({@code FooNodeFactory} → {@code FooSettings}). Returns the ids in factory order.
     */
    public static List<String> assertDescriptorConventions(List<? extends NodeFactory<?>> factories, String idPattern,
            Function<String, String> categoryOf) {
        var ids = new HashSet<String>();
        var inOrder = new ArrayList<String>();
        for (NodeFactory<?> f : factories) {
            var d = f.descriptor();
            assertTrue(ids.add(d.id()), "duplicate id " + d.id());
            inOrder.add(d.id());
            assertTrue(d.id().matches(idPattern), d.id());
            assertEquals(1, d.version(), d.id());
            assertEquals(categoryOf.apply(d.id()), d.category(), d.id());
            assertFalse(d.description().isBlank(), d.id());
            d.inputs().forEach(p -> assertTrue(p.name().matches("[a-z_]+"), d.id() + " port " + p.name()));
            d.outputs().forEach(p -> assertTrue(p.name().matches("[a-z_]+"), d.id() + " port " + p.name()));
            String stem = f.getClass().getSimpleName().replace("NodeFactory", "");
            assertEquals(stem + "Settings", f.settingsType().getSimpleName(), "settings record of " + d.id());
        }
        return inOrder;
    }

    /** Default settings of the declared type that pass validation, and a description on every setting. */
    public static void assertDefaultSettingsValidAndDescribed(List<? extends NodeFactory<?>> factories) {
        for (NodeFactory<?> f : factories) {
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

    /**
     * bnd turns each {@code @Component} into a Declarative Services descriptor before the tests run, and
     * the engine finds nodes and readers only through it: each component has its {@code OSGI-INF} file.
     */
    public static void assertDeclarativeServicesComponents(List<?> components, ClassLoader loader) {
        for (Object c : components) {
            String xml = "OSGI-INF/" + c.getClass().getName() + ".xml";
            assertNotNull(loader.getResource(xml), "missing " + xml);
        }
    }
}
