package dev.quiver.nodes.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The packaged bundle in a real Felix with SCR: it resolves with only the Quiver API, its node
 * factories register, and Train → Predict → Scorer run through the services.
 */
class EvalBundleIT {
    @Test
    void nodesRegisterAndRunInsideFelix(@TempDir Path storage) throws Exception {
        try (var felix = FelixHarness.start(storage, FelixHarness.API_FROM_CLASS_PATH, FelixHarness.SCR)) {
            Map<String, NodeFactory<?>> factories = new TreeMap<>();
            for (var r : felix.awaitServices(NodeFactory.class.getName(), any -> true, 7)) {
                NodeFactory<?> f = felix.service(r);
                factories.put(f.descriptor().id(), f);
            }
            assertEquals(List.of(NumericScorerNodeFactory.ID, ScorerNodeFactory.ID, CrossValidateNodeFactory.ID,
                    PipelineNodeFactory.ID, PredictNodeFactory.ID, TrainNodeFactory.ID, TransformChainNodeFactory.ID),
                    List.copyOf(factories.keySet()));

            Table iris = Fixtures.iris();
            Model model = (Model) run(factories.get(TrainNodeFactory.ID), new CentroidLearner(), iris).get(0);
            Table predicted = (Table) run(factories.get(PredictNodeFactory.ID), model, iris).get(0);
            Table metrics = (Table) run(factories.get(ScorerNodeFactory.ID), predicted).get(0);
            assertEquals(139.0 / 150, ScorerNodeFactoryTest.metric(metrics, "accuracy"), 1e-12);
        }
    }

    private static <S extends Record> List<PortObject> run(NodeFactory<S> factory, PortObject... inputs) {
        S settings = Settings.validate(factory.defaultSettings());
        return factory.execute(new Ports<>(factory.descriptor().inputs(), java.util.Arrays.asList(inputs)), settings,
                TestContext.create()).outputs();
    }
}
