package dev.quiver.nodes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.api.CanceledException;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.testkit.NodeContracts;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
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
        List<String> ids = NodeContracts.assertDescriptorConventions(FACTORIES, "quiver\\.(stats|math)\\.[a-z]+(-[a-z]+)*",
                id -> id.startsWith("quiver.stats.") ? "Statistics" : "Mathematics");
        assertEquals(11, ids.size());
    }

    @Test
    void defaultSettingsAreValidAndEverySettingIsDescribed() {
        NodeContracts.assertDefaultSettingsValidAndDescribed(FACTORIES);
    }

    @Test
    void everyFactoryIsADeclarativeServicesComponent() {
        NodeContracts.assertDeclarativeServicesComponents(FACTORIES, getClass().getClassLoader());
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
