package dev.quiver.nodes.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Scorer's percentile-bootstrap intervals for accuracy and macro F1. */
class ScorerBootstrapTest {
    private final NodeTester<ScorerNodeFactory.ScorerSettings> tester = NodeTester.of(new ScorerNodeFactory());

    /** n rows of a two-class problem where the first {@code right} rows are predicted correctly. */
    private static Table predictions(int n, int right) {
        List<String> actual = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String truth = i % 2 == 0 ? "a" : "b";
            actual.add(truth);
            predicted.add(i < right ? truth : (truth.equals("a") ? "b" : "a"));
        }
        return Table.of(StringColumn.of(new dev.quiver.api.table.ColumnSpec("class", dev.quiver.api.table.ColumnType.STRING,
                dev.quiver.api.table.ColumnRole.LABEL), actual), StringColumn.of(
                new dev.quiver.api.table.ColumnSpec("prediction", dev.quiver.api.table.ColumnType.STRING,
                        dev.quiver.api.table.ColumnRole.PREDICTION), predicted));
    }

    private Table metrics(Table predictions, Map<String, ?> settings) {
        return (Table) tester.execute(tester.settings(settings), predictions).outputs().get(0);
    }

    @Test
    void intervalWidthMatchesTheBinomialStandardError() {
        // Accuracy 0.8 on 400 rows: the bootstrap distribution of a proportion is close to normal with
        // standard error sqrt(0.8 * 0.2 / 400) = 0.02, so a 95% interval is about 2 * 1.96 * 0.02 = 0.078 wide.
        Table m = metrics(predictions(400, 320), Map.of("bootstrapResamples", 4000, "seed", 7));
        double low = ScorerNodeFactoryTest.metric(m, "accuracy CI low (95%)");
        double high = ScorerNodeFactoryTest.metric(m, "accuracy CI high (95%)");
        assertEquals(0.8, ScorerNodeFactoryTest.metric(m, "accuracy"), 1e-12);
        assertTrue(low < 0.8 && 0.8 < high, low + " .. " + high);
        assertEquals(0.0784, high - low, 0.012);
        assertEquals(0.8, (low + high) / 2, 0.01);
        double f1Low = ScorerNodeFactoryTest.metric(m, "macro F1 CI low (95%)");
        double f1High = ScorerNodeFactoryTest.metric(m, "macro F1 CI high (95%)");
        assertTrue(f1Low < ScorerNodeFactoryTest.metric(m, "macro F1") && ScorerNodeFactoryTest.metric(m, "macro F1") < f1High);
    }

    @Test
    void perfectPredictionsHaveADegenerateIntervalAndLevelsNameTheRows() {
        Table m = metrics(predictions(50, 50), Map.of("bootstrapResamples", 200, "confidenceLevel", 0.9));
        assertEquals(1.0, ScorerNodeFactoryTest.metric(m, "accuracy CI low (90%)"));
        assertEquals(1.0, ScorerNodeFactoryTest.metric(m, "accuracy CI high (90%)"));
    }

    @Test
    void sameSeedSameIntervalsOtherSeedOtherIntervals() {
        Table data = predictions(101, 77);
        Table one = metrics(data, Map.of("seed", 3));
        Table again = metrics(data, Map.of("seed", 3));
        Table other = metrics(data, Map.of("seed", 4));
        String name = "accuracy CI low (95%)";
        assertEquals(ScorerNodeFactoryTest.metric(one, name), ScorerNodeFactoryTest.metric(again, name));
        assertNotEquals(ScorerNodeFactoryTest.metric(one, name) + ScorerNodeFactoryTest.metric(one, "macro F1 CI high (95%)"),
                ScorerNodeFactoryTest.metric(other, name) + ScorerNodeFactoryTest.metric(other, "macro F1 CI high (95%)"));
    }

    @Test
    void zeroResamplesTurnsTheIntervalsOffAndBoundsAreChecked() {
        Table m = metrics(predictions(20, 15), Map.of("bootstrapResamples", 0));
        assertTrue(List.of(ScorerNodeFactoryTest.metricNames(m)).stream().noneMatch(n -> n.contains("CI")));
        var e = assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("confidenceLevel", 1.0)));
        assertEquals("Setting 'Confidence level' is 1, but must be between 0.5 and 0.999. Change 'Confidence level'.",
                e.getMessage());
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        double[] sorted = {1, 2, 3, 4};
        // numpy.quantile([1, 2, 3, 4], [0.025, 0.5, 0.975]) = [1.075, 2.5, 3.925]
        assertEquals(1.075, ScorerNodeFactory.quantile(sorted, 0.025), 1e-12);
        assertEquals(2.5, ScorerNodeFactory.quantile(sorted, 0.5), 1e-12);
        assertEquals(3.925, ScorerNodeFactory.quantile(sorted, 0.975), 1e-12);
    }

    @Test
    void resamplingIsCancellable() {
        TestContext ctx = TestContext.create().cancelAfterProgressReports(3);
        assertThrows(CanceledException.class,
                () -> tester.execute(tester.settings(Map.of("bootstrapResamples", 100_000)), ctx, predictions(200, 150)));
    }
}
