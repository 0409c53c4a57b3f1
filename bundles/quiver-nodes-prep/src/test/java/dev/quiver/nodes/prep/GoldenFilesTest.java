package dev.quiver.nodes.prep;

import dev.quiver.testkit.PersistenceChecks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Transforms saved by version 1 of each format, kept as files: whatever changes in these classes,
 * files people saved must still load, and save again to the same bytes. When a format gets a new
 * version, add files for it beside these and keep these. The files were written with
 * {@code -Dquiver.golden.write=true} (which writes them instead of checking them).
 */
class GoldenFilesTest {
    private record Golden(String format, PortObjectReader reader, Supplier<Table> data, Transform fitted) {
        String file() {
            return "golden/" + format + "-v1.bin";
        }
    }

    private static <S extends Record> Transform fit(NodeFactory<S> factory, Map<String, ?> settings, Table data) {
        var node = NodeTester.of(factory);
        return (Transform) node.execute(node.settings(settings), data).outputs().get(1);
    }

    private static List<Golden> goldens() {
        return List.of(
                new Golden(NormalizerLearner.Fitted.FORMAT, new NormalizerTransformReader(), Fixtures::iris,
                        fit(new NormalizerNodeFactory(), Map.of("method", "MIN_MAX", "rangeMin", -1.0), Fixtures.iris())),
                new Golden(MissingValuesLearner.Fitted.FORMAT, new MissingValuesTransformReader(), Fixtures::irisMissing,
                        fit(new MissingValuesNodeFactory(), Map.of("numericStrategy", "MEDIAN"), Fixtures.irisMissing())));
    }

    @TestFactory
    Stream<DynamicTest> savedFilesStillLoad() {
        boolean write = Boolean.getBoolean("quiver.golden.write");
        return goldens().stream().map(g -> DynamicTest.dynamicTest(g.format(), () -> {
            if (write) {
                Path file = Path.of("src/test/resources/dev/quiver/nodes/prep", g.file());
                Files.createDirectories(file.getParent());
                Files.write(file, PersistenceChecks.bytes(g.fitted()));
                return;
            }
            byte[] golden;
            try (InputStream in = GoldenFilesTest.class.getResourceAsStream(g.file())) {
                assertNotNull(in, "no golden file " + g.file());
                golden = in.readAllBytes();
            }
            Transform back = PersistenceChecks.read(g.reader(), golden);
            assertArrayEquals(golden, PersistenceChecks.bytes(back), "version 1 no longer saves as it did");
            Table data = g.data().get();
            assertEquals(data.spec(), back.spec().input());
            assertEquals(back.spec().apply(data.spec()), back.apply(data, TestContext.create()).spec());
        }));
    }
}
