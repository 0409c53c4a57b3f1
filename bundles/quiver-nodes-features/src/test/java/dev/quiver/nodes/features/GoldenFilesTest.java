package dev.quiver.nodes.features;

import dev.quiver.testkit.PersistenceChecks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.ColumnRole;
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
        Supplier<Table> nominal = () -> Fixtures.iris().withRole("class", ColumnRole.FEATURE);
        return List.of(
                new Golden(OneHotLearner.Fitted.FORMAT, new OneHotTransformReader(), nominal,
                        fit(new OneHotNodeFactory(), Map.of("dropFirst", true), nominal.get())),
                new Golden(OrdinalLearner.Fitted.FORMAT, new OrdinalTransformReader(), nominal,
                        fit(new OrdinalNodeFactory(), Map.of("unknownCategories", "MISSING"), nominal.get())),
                new Golden(PolynomialLearner.Fitted.FORMAT, new PolynomialTransformReader(), Fixtures::iris,
                        fit(new PolynomialNodeFactory(), Map.of("degree", 3, "interactionOnly", true), Fixtures.iris())),
                new Golden(BinningLearner.Fitted.FORMAT, new BinningTransformReader(), Fixtures::wine,
                        fit(new BinningNodeFactory(), Map.of("method", "EQUAL_FREQUENCY", "bins", 4), Fixtures.wine())),
                new Golden(PowerTransformLearner.Fitted.FORMAT, new PowerTransformReader(), Fixtures::wine,
                        fit(new PowerTransformNodeFactory(), Map.of("method", "BOX_COX"), Fixtures.wine())),
                new Golden(RobustScalerLearner.Fitted.FORMAT, new RobustScalerTransformReader(), Fixtures::wine,
                        fit(new RobustScalerNodeFactory(), Map.of("quantileMin", 10.0), Fixtures.wine())),
                new Golden(FormulaNodeFactory.Step.FORMAT, new FormulaTransformReader(), Fixtures::iris,
                        fit(new FormulaNodeFactory(), Map.of("outputColumn", "ratio",
                                "expression", "if(petal_width > 0, petal_length / petal_width, 0)"), Fixtures.iris())),
                new Golden(FeatureSelectLearner.Fitted.FORMAT, new FeatureSelectTransformReader(), Fixtures::wine,
                        fit(new FeatureSelectNodeFactory(), Map.of("method", "MRMR", "k", 4), Fixtures.wine())));
    }

    @TestFactory
    Stream<DynamicTest> savedFilesStillLoad() {
        boolean write = Boolean.getBoolean("quiver.golden.write");
        return goldens().stream().map(g -> DynamicTest.dynamicTest(g.format(), () -> {
            if (write) {
                Path file = Path.of("src/test/resources/dev/quiver/nodes/features", g.file());
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
