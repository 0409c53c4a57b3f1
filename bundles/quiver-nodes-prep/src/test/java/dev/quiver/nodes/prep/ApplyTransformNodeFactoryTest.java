package dev.quiver.nodes.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyTransformNodeFactoryTest {
    private final NodeTester<ApplyTransformNodeFactory.ApplyTransformSettings> tester =
            NodeTester.of(new ApplyTransformNodeFactory());
    private static final ApplyTransformNodeFactory.ApplyTransformSettings NONE =
            new ApplyTransformNodeFactory.ApplyTransformSettings();
    private final NodeTester<NormalizerSettings> normalizer = NodeTester.of(new NormalizerNodeFactory());
    private final NodeTester<PartitionSettings> partition = NodeTester.of(new PartitionNodeFactory());
    private final NodeTester<MissingValuesSettings> missing = NodeTester.of(new MissingValuesNodeFactory());

    @Test
    void configureMapsTheTableSpecThroughTheTransformSpec() {
        TableSpec iris = Fixtures.iris().spec();
        TransformSpec transform = (TransformSpec) normalizer.configure(normalizer.settings(Map.of()), iris).get(1);
        TableSpec out = (TableSpec) tester.configure(NONE, transform, iris).get(0);
        assertEquals(iris.names(), out.names());
        assertEquals(ColumnType.DOUBLE, out.column(0).type());
        // Unknown upstream: unknown output, not an error.
        PortSpec unknown = tester.configure(NONE, PortSpec.unknown(PortType.TRANSFORM), iris).get(0);
        assertFalse(unknown.isKnown());
        var e = assertThrows(InvalidInputException.class,
                () -> tester.configure(NONE, transform, Fixtures.iris().select("class").spec()));
        assertTrue(e.getMessage().startsWith("The Normalizer (z-score) transform needs column(s) sepal_length,"), e.getMessage());
    }

    @Test
    void testPartitionIsTransformedWithTrainingStatistics() {
        var parts = partition.execute(partition.settings(Map.of()), Fixtures.irisMissing()).outputs();
        Table train = (Table) parts.get(0);
        Table test = (Table) parts.get(1);
        var imputed = missing.execute(missing.settings(Map.of()), train).outputs();
        var scaled = normalizer.execute(normalizer.settings(Map.of()), (Table) imputed.get(0)).outputs();
        Table testImputed = (Table) tester.execute(NONE, imputed.get(1), test).outputs().get(0);
        Table testScaled = (Table) tester.execute(NONE, scaled.get(1), testImputed).outputs().get(0);

        var stats = (NormalizerLearner.Fitted) scaled.get(1);
        var fill = (MissingValuesLearner.Fitted) imputed.get(1);
        for (int j = 0; j < stats.columns().size(); j++) {
            String c = stats.columns().get(j);
            double trainMean = mean((Table) imputed.get(0), c);
            assertEquals(trainMean, stats.center()[j], 1e-12, "centre is the training mean of " + c);
            for (int i = 0; i < test.rowCount(); i++) {
                double x = test.column(c).getDouble(i);
                double expected = ((Double.isNaN(x) ? (Double) fill.fillValue(c) : x) - stats.center()[j]) / stats.divisor()[j];
                assertEquals(expected, testScaled.column(c).getDouble(i), 1e-12, c + " row " + i);
            }
        }
        assertEquals(List.of(), testScaled.columns().stream().filter(col -> col.missingCount() > 0).toList());
    }

    private static double mean(Table t, String c) {
        double sum = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            sum += t.column(c).getDouble(i);
        }
        return sum / t.rowCount();
    }

    @Test
    void executeEqualsTheTransformsOwnApply() {
        Transform t = (Transform) normalizer.execute(normalizer.settings(Map.of("method", "MIN_MAX")), Fixtures.wine())
                .outputs().get(1);
        Table out = (Table) tester.execute(NONE, t, Fixtures.wine()).outputs().get(0);
        Table direct = t.apply(Fixtures.wine(), dev.quiver.testkit.TestContext.create());
        for (int j = 0; j < out.columnCount(); j++) {
            for (int i = 0; i < out.rowCount(); i++) {
                assertEquals(direct.column(j).getDouble(i), out.column(j).getDouble(i));
            }
        }
    }
}
