package dev.quiver.nodes.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InverseTransformNodeFactoryTest {
    private final NodeTester<InverseTransformSettings> tester = NodeTester.of(new InverseTransformNodeFactory());
    private final NodeTester<PcaSettings> pca = NodeTester.of(new PcaNodeFactory());
    private static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    private NodeResult fit(Map<String, ?> settings) {
        return pca.execute(pca.settings(settings), Fixtures.iris());
    }

    @Test
    void configurePredictsTheReconstructedColumns() {
        NodeResult r = fit(Map.of("components", 2));
        PortSpec transform = r.outputs().get(1).spec();
        TableSpec projected = ((Table) r.outputs().get(0)).spec();
        TableSpec out = (TableSpec) tester.configure(tester.settings(Map.of()), transform, projected).get(0);
        assertEquals(List.of("class", "sepal_length", "sepal_width", "petal_length", "petal_width"), out.names());
        TableSpec withOriginals = ((Table) fit(Map.of("components", 2, "keepOriginal", true)).outputs().get(0)).spec();
        TableSpec out2 = (TableSpec) tester.configure(tester.settings(Map.of("keepComponents", true)),
                transform, withOriginals).get(0);
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "class", "PC1", "PC2",
                InverseTransformNodeFactory.ERROR_COLUMN), out2.names());
    }

    @Test
    void allComponentsReconstructExactly() {
        for (boolean scale : new boolean[] {false, true}) {
            NodeResult r = fit(Map.of("components", 4, "keepOriginal", true, "whiten", true, "scale", scale));
            Table out = (Table) tester.execute(tester.settings(Map.of()), r.outputs().get(1), r.outputs().get(0)).outputs().get(0);
            Table iris = Fixtures.iris();
            for (String f : FEATURES) {
                for (int i = 0; i < iris.rowCount(); i++) {
                    assertEquals(iris.column(f).getDouble(i), out.column(f).getDouble(i), 1e-10);
                }
            }
            for (int i = 0; i < iris.rowCount(); i++) {
                assertEquals(0, out.column(InverseTransformNodeFactory.ERROR_COLUMN).getDouble(i), 1e-18);
            }
        }
    }

    @Test
    void meanReconstructionErrorIsTheDiscardedVariance() {
        NodeResult r = fit(Map.of("components", 2, "keepOriginal", true));
        Table out = (Table) tester.execute(tester.settings(Map.of()), r.outputs().get(1), r.outputs().get(0)).outputs().get(0);
        double mean = 0;
        for (int i = 0; i < 150; i++) {
            mean += out.column(InverseTransformNodeFactory.ERROR_COLUMN).getDouble(i) / 150;
        }
        // scikit-learn explained_variance_[2:] = 0.0782095 + 0.023835093, rescaled from n − 1 to n.
        assertEquals((0.0782095 + 0.023835093) * 149 / 150, mean, 1e-7);
    }

    @Test
    void scoresFromApplyOnNewRowsInvertToo() {
        NodeResult r = fit(Map.of("components", 3));
        Transform t = (Transform) r.outputs().get(1);
        Table rows = t.apply(Fixtures.iris().rows(new int[] {5, 100}), TestContext.create());
        Table out = (Table) tester.execute(tester.settings(Map.of()), t, rows).outputs().get(0);
        assertEquals(List.of("class", "sepal_length", "sepal_width", "petal_length", "petal_width"), out.spec().names());
        // Three of four components lose only the smallest direction (variance 0.024): rows stay close.
        assertEquals(Fixtures.iris().column("petal_length").getDouble(100), out.column("petal_length").getDouble(1), 0.2);
    }

    @Test
    void kernelPcaAndMissingComponentsAreRejected() {
        var kpca = NodeTester.of(new KernelPcaNodeFactory());
        NodeResult k = kpca.execute(kpca.settings(Map.of()), Fixtures.iris());
        var e = assertThrows(InvalidInputException.class, () -> tester.configure(tester.settings(Map.of()),
                k.outputs().get(1).spec(), k.outputs().get(0).spec()));
        assertTrue(e.getMessage().contains("no exact inverse") && e.getMessage().contains("PCA node"), e.getMessage());
        NodeResult r = fit(Map.of("components", 2));
        var missing = assertThrows(InvalidInputException.class, () -> tester.configure(tester.settings(Map.of()),
                r.outputs().get(1).spec(), Fixtures.iris().spec()));
        assertTrue(missing.getMessage().contains("PC1, PC2"), missing.getMessage());
    }
}
