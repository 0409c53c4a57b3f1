package dev.quiver.nodes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.testkit.FelixHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bundle in a real Felix with SCR: every import resolves (Hipparchus and the Quiver API as
 * bundles, nothing embedded) and all node factories register as {@code NodeFactory} services.
 */
class StatsBundleIT {
    /** Jars from the test class path installed as bundles, by file-name prefix. */
    private static final List<String> BUNDLES = List.of("quiver-api-", "hipparchus-core-", "hipparchus-stat-",
            "org.osgi.util.function-", "org.osgi.util.promise-", "org.osgi.service.component-",
            "org.apache.felix.scr-");

    @Test
    void allNodeFactoriesRegisterInFelix(@TempDir Path storage) throws Exception {
        try (var felix = FelixHarness.start(storage, FelixHarness.SLF4J_ONLY, BUNDLES)) {
            var names = new TreeSet<String>();
            felix.awaitServices("dev.quiver.api.node.NodeFactory", r -> true, NodeContractTest.FACTORIES.size())
                    .forEach(r -> names.add(String.valueOf(r.getProperty("component.name"))));
            var expected = new TreeSet<String>();
            NodeContractTest.FACTORIES.forEach(f -> expected.add(f.getClass().getName()));
            assertEquals(expected, names);
        }
    }
}
