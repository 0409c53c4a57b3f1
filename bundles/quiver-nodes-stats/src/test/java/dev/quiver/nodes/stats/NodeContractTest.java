package dev.quiver.nodes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Settings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every node of this bundle promises, whatever it computes. */
class NodeContractTest {
    static final List<NodeFactory<?>> FACTORIES = List.of(new DescriptiveStatisticsNodeFactory(),
            new CorrelationNodeFactory(), new HypothesisTestNodeFactory(), new DistributionFitNodeFactory(),
            new InformationNodeFactory(), new SvdNodeFactory(), new EigenNodeFactory(), new LeastSquaresNodeFactory(),
            new GramSchmidtNodeFactory(), new DeterminantRankNodeFactory(), new MarkovChainNodeFactory());

    @Test
    void descriptorsFollowTheConventions() {
        var ids = new HashSet<String>();
        for (NodeFactory<?> f : FACTORIES) {
            var d = f.descriptor();
            assertTrue(ids.add(d.id()), "duplicate id " + d.id());
            assertTrue(d.id().matches("quiver\\.(stats|math)\\.[a-z]+(-[a-z]+)*"), d.id());
            assertEquals(1, d.version(), d.id());
            assertEquals(d.id().startsWith("quiver.stats.") ? "Statistics" : "Mathematics", d.category(), d.id());
            assertFalse(d.description().isBlank(), d.id());
            d.outputs().forEach(p -> assertTrue(p.name().matches("[a-z_]+"), d.id() + " port " + p.name()));
            String stem = f.getClass().getSimpleName().replace("NodeFactory", "");
            assertEquals(stem + "Settings", f.settingsType().getSimpleName(), "settings record of " + d.id());
        }
        assertEquals(11, ids.size());
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

    @Test
    void descriptiveStatisticsStopsWhenCancelled() {
        var node = NodeTester.of(new DescriptiveStatisticsNodeFactory());
        var ctx = TestContext.create().cancelAfterProgressReports(1);
        assertThrows(CanceledException.class, () -> node.execute(node.settings(Map.of()), ctx, Fixtures.wine()));
        assertEquals(1, ctx.progressEvents().size());
    }

    @Test
    void correlationStopsWhenCancelled() {
        var node = NodeTester.of(new CorrelationNodeFactory());
        var ctx = TestContext.create().cancelAfterProgressReports(2);
        assertThrows(CanceledException.class, () -> node.execute(node.settings(Map.of()), ctx, Fixtures.wine()));
        assertEquals(2, ctx.progressEvents().size());
    }

    @Test
    void informationStopsWhenCancelled() {
        var node = NodeTester.of(new InformationNodeFactory());
        var ctx = TestContext.create().cancelAfterProgressReports(3);
        assertThrows(CanceledException.class, () -> node.execute(node.settings(Map.of()), ctx, Fixtures.wine()));
        assertEquals(3, ctx.progressEvents().size());
    }

    @Test
    void sameInputGivesTheSameNumbers() {
        var node = NodeTester.of(new HypothesisTestNodeFactory());
        var s = node.settings(Map.of("test", "KS_TWO_SAMPLE", "column", "mean_texture"));
        var a = (dev.quiver.api.table.Table) node.execute(s, Fixtures.breastCancer()).outputs().get(0);
        var b = (dev.quiver.api.table.Table) node.execute(s, Fixtures.breastCancer()).outputs().get(0);
        assertEquals(a.column("p_value").getDouble(0), b.column("p_value").getDouble(0));
    }
}
