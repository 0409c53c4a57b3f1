package dev.quiver.nodes.features;

import static dev.quiver.nodes.features.TestTables.IRIS;
import static dev.quiver.nodes.features.TestTables.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * λ is compared with scikit-learn to 1e-4, the tolerance the brief allows for the optimiser (scipy's
 * brent stops at a relative 1.48e-8 in λ; this port follows the same steps, so it lands far closer).
 * Transformed values, which move by about |∂x'/∂λ| · Δλ, are compared to 1e-6.
 */
class PowerTransformNodeFactoryTest {
    private static final List<String> WINE = List.of("malic_acid", "magnesium", "color_intensity", "proline");
    private final NodeTester<PowerTransformSettings> tester = NodeTester.of(new PowerTransformNodeFactory());

    private PowerTransformLearner.Fitted fit(Map<String, ?> settings, Table t) {
        return (PowerTransformLearner.Fitted) tester.execute(tester.settings(settings), t).outputs().get(1);
    }

    @Test
    void configureMakesDoublesFromSpecsAlone() {
        Table t = Fixtures.iris().withColumn(LongColumn.of("n", new long[150]));
        List<PortSpec> out = tester.configure(tester.settings(Map.of()), t.spec());
        assertEquals(ColumnType.DOUBLE, ((TableSpec) out.get(0)).find("n").orElseThrow().type());
        assertEquals(out.get(0), assertInstanceOf(TransformSpec.class, out.get(1)).apply(t.spec()));
    }

    @Test
    void boxCoxLambdasAndValuesMatchScikitLearnOnIris() {
        NodeResult r = tester.execute(tester.settings(Map.of("method", "BOX_COX")), Fixtures.iris());
        var fitted = (PowerTransformLearner.Fitted) r.outputs().get(1);
        // scikit-learn 1.2.1 / scipy 1.10.1: PowerTransformer(method='box-cox').fit(X) on iris.csv, lambdas_.
        assertArrayEquals(new double[] {-0.14475080273816873, 0.28101143921045985, 0.9312837580297569, 0.6433690725972321},
                fitted.lambdas(), 1e-4);
        Table t = (Table) r.outputs().get(0);
        // …and transform(X), rows 0 and 77 (standardized).
        assertArrayEquals(new double[] {-0.8947421972045969, 1.0217293642645144, -1.347656652499102, -1.3897162562040708},
                row(t, IRIS, 0), 1e-6);
        assertArrayEquals(new double[] {1.0420352948403857, -0.08194650975096049, 0.7099260466952787, 0.6979626739083122},
                row(t, IRIS, 77), 1e-6);
    }

    @Test
    void yeoJohnsonLambdasAndValuesMatchScikitLearnOnIris() {
        var fitted = fit(Map.of(), Fixtures.iris());
        // PowerTransformer() (Yeo-Johnson, the default) on iris.csv.
        assertArrayEquals(new double[] {-0.3212232909703323, 0.03907581154176232, 1.0932181829824505, 0.8404841652434426},
                fitted.lambdas(), 1e-4);
        Table raw = (Table) tester.execute(tester.settings(Map.of("standardize", false)), Fixtures.iris()).outputs().get(0);
        // PowerTransformer(standardize=False).fit_transform(X)[0].
        assertArrayEquals(new double[] {1.3715862207690916, 1.5491557902203266, 1.4672982495938214, 0.1970326280764917},
                row(raw, IRIS, 0), 1e-6);
    }

    @Test
    void yeoJohnsonAcceptsNegativeValues() {
        Table moons = Fixtures.moons();
        NodeResult r = tester.execute(tester.settings(Map.of()), moons);
        // PowerTransformer().fit(X) on moons.csv (both columns have negative values).
        assertArrayEquals(new double[] {0.9589247416245529, 0.8927116386306995},
                ((PowerTransformLearner.Fitted) r.outputs().get(1)).lambdas(), 1e-4);
        assertArrayEquals(new double[] {1.7429828784299206, 0.5455210812091107},
                row((Table) r.outputs().get(0), List.of("x0", "x1"), 0), 1e-6);
    }

    @Test
    void fittedOnTrainingRowsTransformsTestRowsWithTrainingLambdasAndRefits() {
        Table wine = Fixtures.wine();
        var settings = Map.of("method", "BOX_COX", "columns", WINE);
        NodeResult r = tester.execute(tester.settings(settings), wine.slice(0, 120));
        var fitted = (PowerTransformLearner.Fitted) r.outputs().get(1);
        // PowerTransformer(method='box-cox').fit(X[:120, [malic_acid, magnesium, color_intensity, proline]]):
        // lambdas_, _scaler.mean_, _scaler.scale_; then transform(X[120:]) rows 0 and 57.
        assertArrayEquals(new double[] {-0.39624632693493655, -1.2775138726038062, 0.2738992558407199, 0.32808257157155424},
                fitted.lambdas(), 1e-4);
        assertArrayEquals(new double[] {0.4844631834721772, 0.7805382651187543, 1.7085615224624182, 23.91304818861393},
                fitted.mean(), 1e-5);
        assertArrayEquals(new double[] {0.27969274556992063, 0.00039876080278495224, 0.5709763070477872, 3.951470548271666},
                fitted.scale(), 1e-6);
        Table test = fitted.apply(wine.slice(120, 178), TestContext.create());
        assertArrayEquals(new double[] {0.9127552479065671, -0.16400716646350705, -0.5559141669900004, -0.44720226553461323},
                row(test, WINE, 0), 1e-5);
        assertArrayEquals(new double[] {2.132228359386947, -0.16400716646350705, 2.3561821373128495, -0.6728245154588697},
                row(test, WINE, 57), 1e-5);
        // The same rows through the transform give the node's own output.
        Table own = (Table) r.outputs().get(0);
        assertArrayEquals(row(own, WINE, 7), row(fitted.apply(wine.slice(0, 120), TestContext.create()), WINE, 7));
        var refit = (PowerTransformLearner.Fitted) fitted.learner().fit(wine.slice(0, 120), TestContext.create());
        assertArrayEquals(fitted.lambdas(), refit.lambdas());
        var yj = fit(Map.of("columns", WINE), wine.slice(0, 120));
        assertArrayEquals(new double[] {-1.197459088427075, -1.2999163266368159, 0.1068184301368773, 0.3274511337762145},
                yj.lambdas(), 1e-4, "PowerTransformer(method='yeo-johnson') on the same rows");
    }

    @Test
    void logAndLog1pHaveNoLambdaAndStandardizeOnRequest() {
        Table t = Table.of(DoubleColumn.of("x", 1, Math.E, Math.E * Math.E, Double.NaN));
        Table log = (Table) tester.execute(tester.settings(Map.of("method", "LOG", "standardize", false)), t).outputs().get(0);
        assertArrayEquals(new double[] {0, 1, 2, Double.NaN}, TestTables.column(log, "x"), 1e-15);
        Table std = (Table) tester.execute(tester.settings(Map.of("method", "LOG")), t).outputs().get(0);
        // ln x = 0, 1, 2 has mean 1 and population standard deviation sqrt(2/3).
        assertArrayEquals(new double[] {-Math.sqrt(1.5), 0, Math.sqrt(1.5), Double.NaN}, TestTables.column(std, "x"), 1e-12);
        Table log1p = (Table) tester.execute(tester.settings(Map.of("method", "LOG1P", "standardize", false)),
                Table.of(DoubleColumn.of("n", 0, 9))).outputs().get(0);
        assertArrayEquals(new double[] {0, Math.log(10)}, TestTables.column(log1p, "n"), 1e-15);
    }

    @Test
    void nonPositiveValuesGiveAClearError() {
        Table t = Table.of(DoubleColumn.of("x", 3, 0, 5));
        var log = assertThrows(InvalidInputException.class,
                () -> tester.execute(tester.settings(Map.of("method", "LOG")), t));
        assertEquals("Column 'x' has the value 0.0 in row 2, but log needs positive values. Use YEO_JOHNSON, which accepts "
                + "any number, or LOG1P for values above −1, or add an offset with a Formula node first (for example x + 1).",
                log.getMessage());
        var boxCox = assertThrows(InvalidInputException.class,
                () -> tester.execute(tester.settings(Map.of("method", "BOX_COX")), Fixtures.moons()));
        assertTrue(boxCox.getMessage().startsWith("Column 'x0' has the value -"), boxCox.getMessage());
        assertTrue(boxCox.getMessage().contains("but Box-Cox needs positive values. Use YEO_JOHNSON"), boxCox.getMessage());
        // The fitted transform checks new rows too.
        Transform fitted = (Transform) tester.execute(tester.settings(Map.of("method", "LOG")),
                Table.of(DoubleColumn.of("x", 1, 2))).outputs().get(1);
        assertThrows(InvalidInputException.class, () -> fitted.apply(t, TestContext.create()));
    }

    @Test
    void constantColumnKeepsLambdaOneWithAWarning() {
        TestContext ctx = TestContext.create();
        NodeResult r = tester.execute(tester.settings(Map.of()), ctx, Table.of(DoubleColumn.of("c", 4, 4, 4)));
        assertArrayEquals(new double[] {1}, ((PowerTransformLearner.Fitted) r.outputs().get(1)).lambdas());
        assertEquals(List.of("Column 'c' is constant (every value is 4.0): λ cannot be estimated and is set to 1."),
                ctx.warnings());
        assertArrayEquals(new double[] {0, 0, 0}, TestTables.column((Table) r.outputs().get(0), "c"));
    }

    @Test
    void cancellationStopsTheFit() {
        TestContext ctx = TestContext.create();
        ctx.cancel();
        assertThrows(dev.quiver.api.CanceledException.class,
                () -> tester.execute(tester.settings(Map.of("method", "BOX_COX")), ctx, Fixtures.iris()));
    }
}
