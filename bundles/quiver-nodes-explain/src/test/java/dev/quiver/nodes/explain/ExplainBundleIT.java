package dev.quiver.nodes.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.FelixHarness;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.TestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bundle in a real Felix with SCR: it resolves against the Quiver API and the eval
 * bundle's exported scoring package, its six node factories register, and SHAP and Permutation
 * Importance run through the services.
 */
class ExplainBundleIT {
    private static final List<String> BUNDLES = List.of("org.osgi.util.function-", "org.osgi.util.promise-",
            "org.osgi.service.component-", "org.apache.felix.scr-", "quiver-nodes-eval-");

    @Test
    void nodesRegisterAndRunInsideFelix(@TempDir Path storage) throws Exception {
        try (var felix = FelixHarness.start(storage, FelixHarness.API_FROM_CLASS_PATH, BUNDLES)) {
            Map<String, NodeFactory<?>> factories = new TreeMap<>();
            // The eval bundle registers nodes too; only this bundle's count.
            for (var r : felix.awaitServices(NodeFactory.class.getName(),
                    ref -> ((NodeFactory<?>) felix.service(ref)).descriptor().id().startsWith("quiver.explain."), 6)) {
                NodeFactory<?> f = felix.service(r);
                factories.put(f.descriptor().id(), f);
            }
            assertEquals(List.of(LimeNodeFactory.ID, ModelStructureNodeFactory.ID, PartialDependenceNodeFactory.ID,
                    PermutationImportanceNodeFactory.ID, ShapNodeFactory.ID, SurrogateNodeFactory.ID),
                    List.copyOf(factories.keySet()));

            Table cancer = Fixtures.breastCancer();
            List<String> features = List.of("mean_radius", "mean_texture", "mean_smoothness");
            Model model = TestModels.logistic(features, List.of("benign", "malignant"), -16, new double[] {0.8, 0.2, 30});
            Table shap = (Table) run(factories.get(ShapNodeFactory.ID), model, cancer.slice(0, 20), cancer.slice(0, 2))
                    .get(0);
            double sum = shap.doubleColumn("base_value").get(0);
            for (String f : features) {
                sum += shap.doubleColumn(ShapNodeFactory.shapColumn(f)).get(0);
            }
            assertEquals(shap.doubleColumn("output").get(0), sum, 1e-12);
            Table importance = (Table) run(factories.get(PermutationImportanceNodeFactory.ID), model, cancer).get(0);
            assertEquals(3, importance.rowCount());
            assertTrue(importance.doubleColumn("importance").get(0) > 0);
        }
    }

    private static <S extends Record> List<PortObject> run(NodeFactory<S> factory, PortObject... inputs) {
        S settings = Settings.validate(factory.defaultSettings());
        return factory.execute(new Ports<>(factory.descriptor().inputs(), java.util.Arrays.asList(inputs)), settings,
                TestContext.create()).outputs();
    }
}
