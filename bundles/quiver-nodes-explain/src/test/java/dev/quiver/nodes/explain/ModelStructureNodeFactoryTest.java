package dev.quiver.nodes.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.explain.ModelStructureNodeFactory.ModelStructureSettings;
import dev.quiver.nodes.tribuo.DecisionTreeNodeFactory;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelStructureNodeFactoryTest {
    private final NodeTester<ModelStructureSettings> node = NodeTester.of(new ModelStructureNodeFactory());
    private static final Table IRIS = Fixtures.iris();

    @Test
    void configureAnnouncesTheLongTable() {
        assertEquals(List.of("kind", "class", "feature", "value", "share"),
                ((TableSpec) node.configure(new ModelStructureSettings(), TestModels.logistic(List.of("a"),
                        List.of("x", "y"), 0, new double[1]).spec()).get(0)).names());
    }

    @Test
    void logisticRegressionShowsItsWeightsPerClassAsTribuoHoldsThem() {
        Model lr = Models.logisticRegression(IRIS);
        @SuppressWarnings("unchecked")
        var coefficients = (Map<String, Map<String, Double>>) lr.details().get("coefficients");
        NodeResult r = node.execute(new ModelStructureSettings(), lr);
        Table t = (Table) r.outputs().get(0);
        assertEquals(3 * 5, t.rowCount()); // 3 classes × (4 weights + intercept)
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals("coefficient", t.stringColumn("kind").get(i));
            assertEquals(coefficients.get(t.stringColumn("class").get(i)).get(t.stringColumn("feature").get(i)),
                    t.doubleColumn("value").get(i), 0);
        }
        assertEquals("coefficients", r.charts().get(0).id());
    }

    @Test
    void treesAndForestsShowHowOftenEachFeatureSplits() {
        var treeNode = NodeTester.of(new DecisionTreeNodeFactory());
        Learner l = (Learner) treeNode.execute(treeNode.settings(Map.of("maxDepth", 2))).outputs().get(0);
        Model tree = l.fit(IRIS, new FitColumns("class", TestModels.features(IRIS)), TestContext.create());
        Table t = (Table) node.execute(new ModelStructureSettings(), tree).outputs().get(0);
        // Depth 2 on iris: the root splits the petals off setosa, the second level splits once more (3 leaves).
        double splits = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals("split count", t.stringColumn("kind").get(i));
            splits += t.doubleColumn("value").get(i);
        }
        assertEquals(4, t.rowCount());
        assertEquals(2, splits, 0);

        Model forest = Models.randomForest(Fixtures.breastCancer(), 5);
        Table f = (Table) node.execute(new ModelStructureSettings(), forest).outputs().get(0);
        assertEquals(30, f.rowCount());
        double share = 0;
        for (int i = 0; i < 30; i++) {
            share += f.doubleColumn("share").get(i);
        }
        assertEquals(1, share, 1e-12);
    }

    @Test
    void modelsWithoutStructureGetAnEmptyTableAndAClearWarning() {
        TestContext ctx = TestContext.create();
        Model opaque = TestModels.of(TestModels.spec("opaque", List.of("a"), List.of("x", "y")), x -> new double[] {1, 0});
        Table t = (Table) node.execute(new ModelStructureSettings(), ctx, opaque).outputs().get(0);
        assertEquals(0, t.rowCount());
        assertEquals(List.of(ModelStructureNodeFactory.NO_STRUCTURE), ctx.warnings());
        assertTrue(ModelStructureNodeFactory.NO_STRUCTURE.contains("use Permutation Importance"));
    }
}
