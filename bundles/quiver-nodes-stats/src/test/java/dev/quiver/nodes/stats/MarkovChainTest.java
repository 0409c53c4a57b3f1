package dev.quiver.nodes.stats;

import static dev.quiver.nodes.stats.Assertions2.cell;
import static dev.quiver.nodes.stats.Assertions2.close;
import static dev.quiver.nodes.stats.Assertions2.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkovChainTest {
    private final NodeTester<MarkovChainSettings> tester = NodeTester.of(new MarkovChainNodeFactory());

    private static Table matrix(double[][] p, String... states) {
        var cols = new java.util.ArrayList<dev.quiver.api.table.Column>();
        for (int j = 0; j < states.length; j++) {
            double[] v = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                v[i] = p[i][j];
            }
            cols.add(DoubleColumn.of(states[j], v));
        }
        return Table.of(cols);
    }

    private static double[][] read(Table t, List<String> states) {
        return t.toRowMajor(states);
    }

    /** π·P = π to 1e-12 and Σπ = 1. */
    private static void assertStationary(double[] pi, double[][] p) {
        double sum = 0;
        for (int j = 0; j < pi.length; j++) {
            double x = 0;
            for (int i = 0; i < pi.length; i++) {
                x += pi[i] * p[i][j];
            }
            assertEquals(pi[j], x, 1e-12, "(pi P)_" + j);
            sum += pi[j];
        }
        assertEquals(1.0, sum, 1e-12, "sum of pi");
    }

    private static double[] pi(NodeResult r) {
        return ((DoubleColumn) ((Table) r.outputs().get(1)).column("probability")).toArray();
    }

    // Birth–death chain: detailed balance gives pi = (1/4, 1/2, 1/4); P^3 from numpy.linalg.matrix_power.
    @Test
    void fromAProbabilityMatrix() {
        double[][] p = {{0.5, 0.5, 0}, {0.25, 0.5, 0.25}, {0, 0.5, 0.5}};
        var s = tester.settings(Map.of("source", "MATRIX", "steps", 3));
        Table in = matrix(p, "low", "mid", "high");
        List<PortSpec> specs = tester.configure(s, in.spec());
        assertEquals(List.of("state", "low", "mid", "high"), ((TableSpec) specs.get(0)).names());
        var ctx = TestContext.create();
        NodeResult r = tester.execute(s, ctx, in);
        double[] pi = pi(r);
        close(0.25, pi[0], "pi low");
        close(0.5, pi[1], "pi mid");
        close(0.25, pi[2], "pi high");
        assertStationary(pi, p);
        double[][] p3 = read((Table) r.outputs().get(2), List.of("low", "mid", "high"));
        double[] expected = {0.3125, 0.5, 0.1875, 0.25, 0.5, 0.25, 0.1875, 0.5, 0.3125};
        for (int k = 0; k < 9; k++) {
            close(expected[k], p3[k / 3][k % 3], "P^3 " + k);
        }
        assertTrue(ctx.warnings().isEmpty(), ctx.warnings().toString());
        assertEquals(1, r.charts().size());
    }

    // Counts are normalised per row: [[9, 1], [5, 5]] -> [[0.9, 0.1], [0.5, 0.5]]; pi = (5/6, 1/6) in closed form
    // (b / (a + b), a / (a + b) with a = 0.1, b = 0.5); P^5 from numpy.linalg.matrix_power.
    @Test
    void fromCountsWithAKeyColumn() {
        Table in = Table.of(StringColumn.of("column", "sun", "rain"), LongColumn.of("sun", 9, 5),
                LongColumn.of("rain", 1, 5));
        NodeResult r = tester.execute(tester.settings(Map.of("source", "MATRIX", "steps", 5)), in);
        double[] pi = pi(r);
        close(5.0 / 6, pi[0], "pi sun");
        close(1.0 / 6, pi[1], "pi rain");
        double[][] p = read((Table) r.outputs().get(0), List.of("sun", "rain"));
        close(0.9, p[0][0], "P sun->sun");
        assertStationary(pi, p);
        double[][] p5 = read((Table) r.outputs().get(2), List.of("sun", "rain"));
        close(0.8350400000000002, p5[0][0], "P^5 sun->sun");
        close(0.17520000000000002, p5[1][1], "P^5 rain->rain");
    }

    // Two interleaved sequences. a: x y x x y, b: y y x. Transitions: x->y 2, y->x 2, x->x 1, y->y 1.
    @Test
    void fromSequences() {
        Table in = Table.of(StringColumn.of("id", "a", "b", "a", "b", "a", "b", "a", "a"),
                StringColumn.of("s", "x", "y", "y", "y", "x", "x", "x", "y"));
        var s = tester.settings(Map.of("stateColumn", "s", "sequenceColumn", "id"));
        NodeResult r = tester.execute(s, in);
        double[][] p = read((Table) r.outputs().get(0), List.of("x", "y"));
        close(1.0 / 3, p[0][0], "x->x");
        close(2.0 / 3, p[0][1], "x->y");
        close(2.0 / 3, p[1][0], "y->x");
        close(1.0 / 3, p[1][1], "y->y");
        double[] pi = pi(r);
        close(0.5, pi[0], "pi x");
        assertStationary(pi, p);
        assertEquals(List.of("state", "x", "y"),
                ((TableSpec) tester.configure(s, in.spec()).get(0)).names());
    }

    @Test
    void periodicChainWarns() {
        var ctx = TestContext.create();
        double[][] p = {{0, 1}, {1, 0}};
        NodeResult r = tester.execute(tester.settings(Map.of("source", "MATRIX")), ctx, matrix(p, "a", "b"));
        close(0.5, pi(r)[0], "pi a");
        assertStationary(pi(r), p);
        assertTrue(ctx.warnings().get(0).contains("periodic with period 2"), ctx.warnings().toString());
    }

    // Two absorbing states (0 and 2) and a transient one (1): not unique; the mixture is (1/2, 0, 1/2).
    @Test
    void reducibleChainWarns() {
        var ctx = TestContext.create();
        double[][] p = {{1, 0, 0}, {0.3, 0.4, 0.3}, {0, 0, 1}};
        NodeResult r = tester.execute(tester.settings(Map.of("source", "MATRIX")), ctx, matrix(p, "a", "b", "c"));
        double[] pi = pi(r);
        close(0.5, pi[0], "pi a");
        close(0.0, pi[1], "pi b");
        assertStationary(pi, p);
        String all = String.join(" | ", ctx.warnings());
        assertTrue(all.contains("reducible with 2 closed classes {a}, {c}"), all);
        assertTrue(all.contains("States b are transient"), all);
        assertFalse(all.contains("periodic"), all);
    }

    @Test
    void stateWithoutExitsBecomesAbsorbing() {
        var ctx = TestContext.create();
        Table in = Table.of(StringColumn.of("s", "x", "y", "x", "z"));
        NodeResult r = tester.execute(tester.settings(Map.of("stateColumn", "s")), ctx, in);
        double[][] p = read((Table) r.outputs().get(0), List.of("x", "y", "z"));
        close(1.0, p[2][2], "z absorbing");
        assertStationary(pi(r), p);
        assertTrue(ctx.warnings().get(0).contains("No transitions out of state z"), ctx.warnings().toString());
    }

    @Test
    void badInput() {
        fails(() -> tester.execute(tester.settings(Map.of("source", "MATRIX")),
                matrix(new double[][] {{0.5, -0.5}, {0.5, 0.5}}, "a", "b")), "(a → b) is -0.500000", "non-negative");
        fails(() -> tester.execute(tester.settings(Map.of("source", "MATRIX")),
                matrix(new double[][] {{0.5, 0.5}}, "a", "b")), "must be square", "1 rows and 2");
        fails(() -> tester.configure(tester.settings(Map.of()), Table.of(StringColumn.of("s", "x")).spec()),
                "State column is not set");
        fails(() -> tester.settings(Map.of("steps", 0)), "Steps (n)", "between 1 and 1000000");
    }
}
