package dev.quiver.nodes.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.TransformChain;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformChainNodeFactoryTest {
    private final NodeTester<TransformChainNodeFactory.ChainSettings> tester = NodeTester.of(
            new TransformChainNodeFactory());
    private final TransformChainNodeFactory.ChainSettings none = new TransformChainNodeFactory.ChainSettings();

    @Test
    void appliesTheStepsInOrder() {
        Table iris = Fixtures.iris();
        var first = new CenteringTransform.Learner().fit(iris, TestContext.create());
        Table once = first.apply(iris, TestContext.create());
        var second = new CenteringTransform.Learner().fit(once, TestContext.create());
        var chain = (TransformChain) tester.execute(none, first, second, null, null, null).outputs().get(0);
        assertEquals(List.of(first, second), chain.steps());
        assertEquals("Centering → Centering", chain.spec().name());
        Table expected = second.apply(once, TestContext.create());
        assertArrayEquals(expected.doubleColumn("sepal_length").toArray(),
                chain.apply(iris, TestContext.create()).doubleColumn("sepal_length").toArray(), 0);
    }

    @Test
    void crossValidationRefitsEveryStepOnEachTrainingFoldTheLaterOnTheEarliersOutput() {
        Table iris = Fixtures.iris();
        var a = new CenteringTransform.Learner();
        var b = new CenteringTransform.Learner();
        var first = a.fit(iris, TestContext.create());
        var second = b.fit(first.apply(iris, TestContext.create()), TestContext.create());
        var chain = tester.execute(none, first, second, null, null, null).outputs().get(0);
        a.fittedRowCounts.clear();
        b.fittedRowCounts.clear();
        b.fittedMeans.clear();
        var cv = NodeTester.of(new CrossValidateNodeFactory());
        cv.execute(new CrossValidateNodeFactory().defaultSettings(), new CentroidLearner(), iris, chain);
        assertEquals(List.of(120, 120, 120, 120, 120), a.fittedRowCounts);
        assertEquals(List.of(120, 120, 120, 120, 120), b.fittedRowCounts);
        // The second step saw the first step's output on the same fold: already centred, mean 0.
        for (List<Double> means : b.fittedMeans) {
            for (int j = 0; j < 4; j++) {
                assertEquals(0, means.get(j), 1e-12, means.toString());
            }
        }
    }

    @Test
    void aLaterStepNeedingAColumnAnEarlierOneRemovedIsReportedAtConfigure() {
        TableSpec iris = Fixtures.iris().spec();
        TransformSpec dropWidth = TransformSpec.of("Drop sepal_width", iris,
                in -> new TableSpec(in.columns().stream().filter(c -> !c.name().equals("sepal_width")).toList()));
        TransformSpec needsWidth = TransformSpec.of("Scale sepal_width", iris, in -> {
            in.require("sepal_width", "Column");
            return in;
        });
        var e = assertThrows(InvalidInputException.class,
                () -> tester.configure(none, dropWidth, needsWidth, (PortSpec) null, null, null));
        assertTrue(e.getMessage().contains("sepal_width"), e.getMessage());
        List<PortSpec> ok = tester.configure(none, needsWidth, dropWidth, (PortSpec) null, null, null);
        assertEquals("Scale sepal_width → Drop sepal_width", ((TransformSpec) ok.get(0)).name());
        assertEquals(4, ((TransformSpec) ok.get(0)).apply(iris).columns().size());
    }
}
