package dev.quiver.nodes.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.Learner;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingHistoryNodeFactoryTest {
    private final NodeTester<TrainingHistoryNodeFactory.TrainingHistorySettings> tester =
            NodeTester.of(new TrainingHistoryNodeFactory());
    private final NodeTester<NeuralNetworkSettings> network = NodeTester.of(new NeuralNetworkNodeFactory());

    private Model fit(Map<String, ?> settings) {
        Learner learner = (Learner) network.execute(network.settings(settings)).outputs().get(0);
        Table iris = Data.iris();
        return learner.fit(iris, Data.columns(iris), TestContext.create());
    }

    @Test
    void tableHasOneRowPerEpochAndTheChartBothLossCurves() {
        Model model = fit(Map.of("epochs", 7, "learningRate", 0.01));
        NodeResult r = tester.execute(tester.settings(Map.of()), model);
        Table history = (Table) r.outputs().get(0);
        assertEquals(List.of("epoch", "training loss", "validation loss", "validation accuracy"), history.spec().names());
        assertEquals(7, history.rowCount());
        TrainingHistory h = ((NeuralNetworkModel) model).history();
        for (int i = 0; i < 7; i++) {
            assertEquals(i + 1, history.column("epoch").getDouble(i));
            assertEquals(h.epochs().get(i).trainingLoss(), history.column("training loss").getDouble(i));
            assertEquals(h.epochs().get(i).validationLoss(), history.column("validation loss").getDouble(i));
        }
        assertTrue(history.column("training loss").getDouble(6) < history.column("training loss").getDouble(0));
        ChartSpec chart = r.charts().get(0);
        assertEquals(ChartSpec.Mark.LINE, chart.layers().get(0).mark());
        assertEquals(14, chart.data().rowCount(), "7 training and 7 validation points");
        assertEquals(List.of("training", "validation"), chart.data().stringColumn("curve").domain());
    }

    @Test
    void withoutValidationRowsTheValidationColumnsAreMissing() {
        Model model = fit(Map.of("epochs", 3, "validationFraction", 0));
        NodeResult r = tester.execute(tester.settings(Map.of()), model);
        Table history = (Table) r.outputs().get(0);
        assertEquals(3, history.column("validation loss").missingCount());
        assertEquals(3, history.column("validation accuracy").missingCount());
        assertEquals(3, r.charts().get(0).data().rowCount(), "only the training curve");
        @SuppressWarnings("unchecked")
        var details = (Map<String, Object>) model.details().get("history");
        assertEquals(java.util.Arrays.asList(null, null, null), details.get("validationLoss"),
                "JSON has no NaN: missing values are null in details()");
    }

    @Test
    void earlyStoppingIsReportedAsAWarning() {
        Model model = fit(Map.of("epochs", 2000, "patience", 2, "learningRate", 0.05, "validationFraction", 0.3));
        TestContext context = TestContext.create();
        tester.execute(tester.settings(Map.of()), context, model);
        assertTrue(context.warnings().get(0).startsWith("Training stopped early after epoch"), context.warnings().toString());
    }

    @Test
    void anotherModelIsRejectedAtConfigureTime() {
        var label = dev.quiver.api.table.ColumnSpec.nominal("class", dev.quiver.api.table.ColumnRole.LABEL,
                List.of("a", "b"));
        var spec = new ModelSpec("Logistic regression", Task.CLASSIFICATION, List.of(), label, List.of("a", "b"), Map.of());
        var e = assertThrows(InvalidInputException.class, () -> tester.configure(tester.settings(Map.of()), spec));
        assertEquals("The model is a Logistic regression, which has no training history. Connect a model fitted"
                + " from a Neural Network learner.", e.getMessage());
        assertEquals(TrainingHistoryNodeFactory.HISTORY_SPEC,
                tester.configure(tester.settings(Map.of()), PortSpec.unknown(dev.quiver.api.port.PortType.MODEL)).get(0));
        assertTrue(TrainingHistoryNodeFactory.HISTORY_SPEC instanceof TableSpec);
    }
}
