package dev.quiver.nodes.stats;

import static dev.quiver.nodes.stats.Assertions2.cell;
import static dev.quiver.nodes.stats.Assertions2.close;
import static dev.quiver.nodes.stats.Assertions2.fails;
import static dev.quiver.nodes.stats.Assertions2.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.node.NodeResult;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference values: scipy.stats.entropy (SciPy 1.10.1) and sklearn.metrics.mutual_info_score (scikit-learn
 * 1.2.1) on numeric columns binned with numpy.digitize(x, numpy.linspace(min, max, bins + 1)[1:-1]).
 */
class InformationTest {
    private final NodeTester<InformationSettings> tester = NodeTester.of(new InformationNodeFactory());

    private Table run(Table data, Map<String, ?> settings) {
        return (Table) tester.execute(tester.settings(settings), data).outputs().get(0);
    }

    @Test
    void configurePredictsEachMeasure() {
        TableSpec iris = Fixtures.iris().spec();
        assertEquals(List.of("rank", "column", "mutual_information", "entropy", "conditional_entropy"),
                ((TableSpec) tester.configure(tester.settings(Map.of()), iris).get(0)).names());
        assertEquals(List.of("column", "entropy", "values"),
                ((TableSpec) tester.configure(tester.settings(Map.of("measure", "ENTROPY")), iris).get(0)).names());
    }

    // scipy.stats.entropy(counts, base=2)
    @Test
    void entropyInBitsAndNats() {
        Table t = run(Fixtures.iris(), Map.of("measure", "ENTROPY", "columns", List.of("class", "sepal_length")));
        close(1.584962500721156, cell(t, row(t, "class"), "entropy"), "H(class) = log2 3");
        close(3.107782326160995, cell(t, row(t, "sepal_length"), "entropy"), "H(binned sepal_length)");
        assertEquals(10, cell(t, row(t, "sepal_length"), "values"));
        Table nats = run(Fixtures.iris(), Map.of("measure", "ENTROPY", "columns", List.of("class"), "unit", "NATS"));
        close(Math.log(3), cell(nats, 0, "entropy"), "H(class) = ln 3");
    }

    // sklearn.metrics.mutual_info_score(wine.class, binned feature) in nats, divided by ln 2 for bits
    @Test
    void mutualInformationRanksWineFeatures() {
        NodeResult r = tester.execute(tester.settings(Map.of("unit", "NATS")), Fixtures.wine());
        Table t = (Table) r.outputs().get(0);
        assertEquals(13, t.rowCount());
        assertEquals("flavanoids", t.column("column").format(0));
        assertEquals("proline", t.column("column").format(1));
        assertEquals("ash", t.column("column").format(12));
        close(0.6693645598106637, cell(t, 0, "mutual_information"), "I(flavanoids; class)");
        close(2.0006400471238734, cell(t, 0, "entropy"), "H(flavanoids)");
        close(0.41667388383001924, cell(t, 0, "conditional_entropy"), "H(class | flavanoids)");
        close(0.1125760936574968, cell(t, 12, "mutual_information"), "I(ash; class)");
        assertEquals(1, r.charts().size());
        Table bits = run(Fixtures.wine(), Map.of("columns", List.of("alcohol"), "target", "class"));
        close(0.659873338699599, cell(bits, 0, "mutual_information"), "I(alcohol; class) in bits");
    }

    @Test
    void mutualInformationSkipsMissingRows() {
        var ctx = TestContext.create();
        Table t = (Table) tester.execute(tester.settings(Map.of("columns", List.of("petal_width"), "bins", 5,
                "unit", "NATS")), ctx, Fixtures.irisMissing()).outputs().get(0);
        close(0.9090532734955343, cell(t, 0, "mutual_information"), "I(petal_width; class) on 139 rows");
        assertEquals(List.of("Column 'petal_width': 11 rows with a missing cell skipped."), ctx.warnings());
    }

    // scipy.stats.entropy(p_counts, q_counts) over 10 shared bins of the combined range
    @Test
    void klDivergence() {
        Table t = run(Fixtures.wine(), Map.of("measure", "KL_DIVERGENCE", "columns", List.of("total_phenols"),
                "target", "flavanoids", "unit", "NATS"));
        close(0.32122467320545034, cell(t, 0, "kl_divergence"), "KL nats");
        Table bits = run(Fixtures.wine(), Map.of("measure", "KL_DIVERGENCE", "columns", List.of("total_phenols"),
                "target", "flavanoids"));
        close(0.4634292430446811, cell(bits, 0, "kl_divergence"), "KL bits");
        // nominal: identical distributions have divergence 0
        Table same = Table.of(StringColumn.of("a", "x", "y", "y"), StringColumn.of("b", "y", "x", "y"));
        close(0.0, cell(run(same, Map.of("measure", "KL_DIVERGENCE", "columns", List.of("a"), "target", "b")), 0,
                "kl_divergence"), "KL(P||P)");
    }

    @Test
    void badInput() {
        fails(() -> run(Fixtures.wine(), Map.of("measure", "KL_DIVERGENCE", "columns", List.of("flavanoids"),
                "target", "total_phenols")), "is infinite", "'flavanoids' has 33 rows in bin [0.340000, 0.814000)",
                "where the reference 'total_phenols' has none");
        Table nominal = Table.of(StringColumn.of("a", "x", "z"), StringColumn.of("b", "x", "y"));
        fails(() -> run(nominal, Map.of("measure", "KL_DIVERGENCE", "columns", List.of("a"), "target", "b")),
                "with value 'z'");
        fails(() -> tester.configure(tester.settings(Map.of("measure", "KL_DIVERGENCE", "columns",
                List.of("alcohol"), "target", "class")), Fixtures.wine().spec()), "same values", "double", "string");
        fails(() -> tester.configure(tester.settings(Map.of("columns", List.of("class"))), Fixtures.wine().spec()),
                "also the target");
        fails(() -> tester.settings(Map.of("bins", 1)), "between 2 and 1000");
    }
}
