package dev.quiver.nodes.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.quiver.testkit.FelixHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bundle in a real Felix with SCR: it resolves with only the Quiver API, SLF4J and the
 * JDK (EJML travels inside it on Bundle-ClassPath), and its three node factories and two readers register.
 */
class PcaBundleIT {
    private static final List<String> FACTORIES = List.of(PcaNodeFactory.class.getName(),
            KernelPcaNodeFactory.class.getName(), InverseTransformNodeFactory.class.getName());

    @Test
    void resolvesAndRegistersItsNodeFactories(@TempDir Path storage) throws Exception {
        var bundles = new ArrayList<String>(List.of("quiver-api-"));
        bundles.addAll(FelixHarness.SCR);
        try (var felix = FelixHarness.start(storage, FelixHarness.SLF4J_ONLY, bundles)) {
            // The embedded EJML is visible to the bundle's own class loader.
            assertNotNull(felix.bundle().loadClass(
                    "org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM"));
            var names = new TreeSet<String>();
            felix.awaitServices("dev.quiver.api.node.NodeFactory", r -> true, FACTORIES.size())
                    .forEach(r -> names.add(String.valueOf(r.getProperty("component.name"))));
            assertEquals(new TreeSet<>(FACTORIES), names);
            var readers = new TreeSet<String>();
            felix.services("dev.quiver.api.port.PortObjectReader")
                    .forEach(r -> readers.add(String.valueOf(r.getProperty("component.name"))));
            assertEquals(new TreeSet<>(List.of(PcaTransformReader.class.getName(), KernelPcaTransformReader.class.getName())),
                    readers);
        }
    }
}
