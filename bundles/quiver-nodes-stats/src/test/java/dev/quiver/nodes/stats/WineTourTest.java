package dev.quiver.nodes.stats;

import static dev.quiver.nodes.stats.Assertions2.cell;
import static dev.quiver.nodes.stats.Assertions2.close;
import static dev.quiver.nodes.stats.Assertions2.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The numbers quoted in examples/statistics-tour/README.md, with the example's settings. Reference: pandas
 * 1.5.3 DataFrame.corr(), scipy.stats.f_oneway and entropy (SciPy 1.10.1), sklearn.metrics.mutual_info_score
 * (scikit-learn 1.2.1) on 10 equal-width bins, divided by ln 2.
 */
class WineTourTest {

    @Test
    void correlationsQuotedInTheReadme() {
        var node = NodeTester.of(new CorrelationNodeFactory());
        Table sq = (Table) node.execute(node.settings(Map.of("columns", List.of(), "method", "PEARSON")), Fixtures.wine())
                .outputs().get(1);
        close(0.8645635000951147, cell(sq, row(sq, "total_phenols"), "flavanoids"), "phenols-flavanoids");
        close(0.787193901866951, cell(sq, row(sq, "flavanoids"), "od280_od315_of_diluted_wines"), "flavanoids-od280");
        close(0.6437200371782134, cell(sq, row(sq, "alcohol"), "proline"), "alcohol-proline");
    }

    @Test
    void anovaQuotedInTheReadme() {
        var node = NodeTester.of(new HypothesisTestNodeFactory());
        Table t = (Table) node.execute(node.settings(Map.of("test", "ANOVA", "column", "alcohol",
                "groupColumn", "class")), Fixtures.wine()).outputs().get(0);
        close(135.07762424279912, cell(t, 0, "statistic"), "F");
        assertEquals(3.319503795619655e-36, cell(t, 0, "p_value"), 1e-6 * 3.319503795619655e-36, "p");
    }

    @Test
    void mutualInformationRankingQuotedInTheReadme() {
        var node = NodeTester.of(new InformationNodeFactory());
        Table t = (Table) node.execute(node.settings(Map.of("measure", "MUTUAL_INFORMATION", "target", "class",
                "unit", "BITS", "bins", 10)), Fixtures.wine()).outputs().get(0);
        List<String> expectedOrder = List.of("flavanoids", "proline", "od280_od315_of_diluted_wines", "color_intensity",
                "alcohol", "hue", "total_phenols", "malic_acid", "magnesium", "proanthocyanins", "alcalinity_of_ash",
                "nonflavanoid_phenols", "ash");
        for (int i = 0; i < expectedOrder.size(); i++) {
            assertEquals(expectedOrder.get(i), t.column("column").format(i), "rank " + (i + 1));
        }
        close(0.9656889309856684, cell(t, 0, "mutual_information"), "I(flavanoids; class)");
        close(0.7758545033225684, cell(t, 1, "mutual_information"), "I(proline; class)");
        // H(class) = I + H(class | X) for every row: scipy.stats.entropy([59, 71, 48], base=2)
        for (int i = 0; i < t.rowCount(); i++) {
            close(1.5668222768551812, cell(t, i, "mutual_information") + cell(t, i, "conditional_entropy"), "H(class)");
        }
    }
}
