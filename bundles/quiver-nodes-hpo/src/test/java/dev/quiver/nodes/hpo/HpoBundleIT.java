package dev.quiver.nodes.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.FelixHarness;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.TestContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bundle in a real Felix with SCR: it resolves against the API and the eval bundle's
 * exported evaluation package, its node registers, it finds the Tribuo learner nodes through the
 * service registry (so the search space is known at configure time) — and loses them again when
 * the Tribuo bundle goes — and it runs a search through the services.
 */
class HpoBundleIT {
    private static final List<String> BUNDLES = List.of("org.osgi.util.function-", "org.osgi.util.promise-",
            "org.osgi.service.component-", "org.apache.felix.scr-", "quiver-nodes-eval-", "quiver-nodes-tribuo-");

    @Test
    void theSearchFindsLearnerNodesAndRunsInsideFelix(@TempDir Path storage) throws Exception {
        try (var felix = FelixHarness.start(storage, FelixHarness.API_FROM_CLASS_PATH, BUNDLES)) {
            NodeFactory<?> hpo = await(felix, "quiver.hpo.search");
            NodeFactory<?> tree = await(felix, "quiver.tribuo.decision-tree");
            Learner learner = (Learner) run(tree, Map.of()).get(0);

            Table cancer = Fixtures.breastCancer();
            TableSpec trials = (TableSpec) configure(hpo, learner.spec(), cancer.spec(), null).get(2);
            assertEquals(List.of("trial", "maxDepth", "minChildWeight", "minImpurityDecrease", "impurity",
                    "featuresPerSplit", "randomSplitPoints", "accuracy", "accuracy std", "seconds", "status", "message"),
                    trials.names());

            Table result = (Table) run(hpo, Map.of("strategy", "RANDOM", "maxTrials", 3, "folds", 3), learner, cancer,
                    null).get(2);
            assertEquals(3, result.rowCount());
            assertEquals("ok", result.stringColumn("status").get(0));

            // Without the Tribuo bundle its node is gone: only the learner spec's printed booleans remain known.
            felix.installed("quiver-nodes-tribuo-").uninstall();
            TableSpec without = (TableSpec) configure(hpo, learner.spec(), cancer.spec(), null).get(2);
            assertEquals(List.of("trial", "randomSplitPoints", "accuracy", "accuracy std", "seconds", "status",
                    "message"), without.names());
        }
    }

    private static NodeFactory<?> await(FelixHarness felix, String id) throws Exception {
        var found = felix.awaitServices(NodeFactory.class.getName(),
                r -> id.equals(((NodeFactory<?>) felix.service(r)).descriptor().id()), 1);
        if (found.isEmpty()) {
            throw new AssertionError("Node " + id + " did not register");
        }
        return felix.service(found.get(0));
    }

    private static <S extends Record> List<PortSpec> configure(NodeFactory<S> factory, PortSpec... inputs) {
        return factory.configure(new Ports<>(factory.descriptor().inputs(), Arrays.asList(inputs)),
                factory.defaultSettings(), TestContext.create());
    }

    private static <S extends Record> List<PortObject> run(NodeFactory<S> factory, Map<String, ?> overrides,
            PortObject... inputs) {
        S settings = Settings.with(factory.defaultSettings(), overrides);
        return factory.execute(new Ports<>(factory.descriptor().inputs(), Arrays.asList(inputs)), settings,
                TestContext.create()).outputs();
    }
}
