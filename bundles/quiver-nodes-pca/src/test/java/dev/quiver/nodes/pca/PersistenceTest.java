package dev.quiver.nodes.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Saved transforms read back to the same projection, spec and refittable learner. */
class PersistenceTest {

    private static Transform roundTrip(Transform t, PortObjectReader reader) throws IOException {
        Persistable p = assertInstanceOf(Persistable.class, t);
        assertEquals(reader.formatId(), p.formatId());
        var bytes = new ByteArrayOutputStream();
        p.writeTo(bytes);
        return assertInstanceOf(Transform.class, reader.read(new ByteArrayInputStream(bytes.toByteArray()), null));
    }

    private static void assertSameProjection(Transform a, Transform b, Table data, List<String> columns) {
        Table x = a.apply(data, TestContext.create());
        Table y = b.apply(data, TestContext.create());
        assertEquals(x.spec(), y.spec());
        for (String c : columns) {
            assertArrayEquals(((DoubleColumn) x.column(c)).toArray(), ((DoubleColumn) y.column(c)).toArray(), c);
        }
    }

    @Test
    void pcaTransformSurvivesSaving() throws IOException {
        var node = NodeTester.of(new PcaNodeFactory());
        var r = node.execute(node.settings(Map.of("components", 3, "scale", true, "whiten", true, "keepOriginal", true)),
                Fixtures.iris());
        Transform t = (Transform) r.outputs().get(1);
        Transform back = roundTrip(t, new PcaTransformReader());
        assertEquals(t.spec(), back.spec());
        assertSameProjection(t, back, Fixtures.iris(), List.of("PC1", "PC2", "PC3"));
        assertEquals(t.learner(), back.learner());
        // Inverse Transform still accepts the read-back transform.
        var inverse = NodeTester.of(new InverseTransformNodeFactory());
        Table viaBack = (Table) inverse.execute(inverse.settings(Map.of()), back, r.outputs().get(0)).outputs().get(0);
        Table viaOriginal = (Table) inverse.execute(inverse.settings(Map.of()), t, r.outputs().get(0)).outputs().get(0);
        assertArrayEquals(((DoubleColumn) viaOriginal.column(InverseTransformNodeFactory.ERROR_COLUMN)).toArray(),
                ((DoubleColumn) viaBack.column(InverseTransformNodeFactory.ERROR_COLUMN)).toArray());
    }

    @Test
    void kernelPcaTransformSurvivesSaving() throws IOException {
        var node = NodeTester.of(new KernelPcaNodeFactory());
        for (String solver : List.of("DENSE", "NYSTROM")) {
            var r = node.execute(node.settings(Map.of("gamma", 15.0, "solver", solver, "landmarks", 100)), Fixtures.moons());
            Transform t = (Transform) r.outputs().get(1);
            Transform back = roundTrip(t, new KernelPcaTransformReader());
            assertSameProjection(t, back, Fixtures.moons().rows(new int[] {3, 700, 41}), List.of("KPC1", "KPC2"));
            assertEquals(t.learner(), back.learner());
        }
    }

    @Test
    void unknownVersionIsRefusedWithAnUpdateHint() {
        byte[] future = {0, 0, 0, 9};
        var e = assertThrows(IOException.class,
                () -> new PcaTransformReader().read(new ByteArrayInputStream(future), null));
        assertTrue(e.getMessage().contains("version 9") && e.getMessage().contains("at most version 1"), e.getMessage());
    }
}
