package dev.quiver.nodes.features;

import static dev.quiver.nodes.features.TestTables.column;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.Transform;
import dev.quiver.api.table.BooleanColumn;
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

class FormulaNodeFactoryTest {
    private final NodeTester<FormulaSettings> tester = NodeTester.of(new FormulaNodeFactory());
    private static final Table T = Table.of(DoubleColumn.of("a", 1, -2, 3.5, Double.NaN), LongColumn.of("n", 4, 5, 0, 7),
            DoubleColumn.of("b c", 10, 20, 30, 40), BooleanColumn.of("flag", true, false, true, false));

    private double[] eval(String expression) {
        var s = tester.settings(Map.of("outputColumn", "y", "expression", expression));
        return column((Table) tester.execute(s, T).outputs().get(0), "y");
    }

    private double one(String expression) {
        Table t = Table.of(DoubleColumn.of("x", 2));
        var s = tester.settings(Map.of("outputColumn", "y", "expression", expression));
        return ((Table) tester.execute(s, t).outputs().get(0)).column("y").getDouble(0);
    }

    private String error(String expression, TableSpec spec) {
        var s = tester.settings(Map.of("outputColumn", "y", "expression", expression));
        return assertThrows(InvalidInputException.class, () -> tester.configure(s, spec)).getMessage();
    }

    @Test
    void configureAppendsOrReplacesADoubleColumnFromSpecsAlone() {
        var s = tester.settings(Map.of("outputColumn", "petal_area", "expression", "petal_length * petal_width"));
        TableSpec out = (TableSpec) tester.configure(s, Fixtures.iris().spec()).get(0);
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "class", "petal_area"), out.names());
        var replace = tester.settings(Map.of("outputColumn", "n", "expression", "n * 2"));
        TableSpec replaced = (TableSpec) tester.configure(replace, T.spec()).get(0);
        assertEquals(List.of("a", "n", "b c", "flag"), replaced.names());
        assertEquals(ColumnType.DOUBLE, replaced.find("n").orElseThrow().type());
    }

    @Test
    void computesPetalAreaOnIris() {
        var s = tester.settings(Map.of("outputColumn", "petal_area", "expression", "petal_length * petal_width"));
        Table t = (Table) tester.execute(s, Fixtures.iris()).outputs().get(0);
        assertEquals(1.4 * 0.2, t.column("petal_area").getDouble(0));
        assertEquals(5.1 * 1.8, t.column("petal_area").getDouble(149));
    }

    @Test
    void precedenceAndAssociativityFollowMathematics() {
        assertEquals(7, one("1 + x * 3"));
        assertEquals(9, one("(1 + x) * 3"));
        assertEquals(-4, one("-x^2"), "power binds tighter than unary minus");
        assertEquals(512, one("x^3^2"), "power is right-associative: 2^(3^2)");
        assertEquals(0.25, one("x^-2"));
        assertEquals(1, one("10 - 4 - 5"), "minus is left-associative");
        assertEquals(2, one("-1 % 3"), "remainder takes the divisor's sign, as in Python");
        assertEquals(1, one("x > 1 && x <= 2"));
        assertEquals(0, one("!(x == 2) || x != 2"));
        assertEquals(1500, one("1.5e3"));
        assertEquals(0.5, one(".5"));
    }

    @Test
    void functionsMatchTheirMathematicalDefinitions() {
        assertEquals(Math.sqrt(2), one("sqrt(x)"));
        assertEquals(Math.log(2), one("log(x)"));
        assertEquals(Math.log10(200), one("log10(x * 100)"));
        assertEquals(Math.exp(2), one("exp(x)"));
        assertEquals(8, one("pow(x, 3)"));
        assertEquals(-3, one("min(x, -3, 5)"));
        assertEquals(5, one("max(x, -3, 5)"));
        assertEquals(3, one("round(x + 0.5)"), "halves away from zero");
        assertEquals(-3, one("round(-x - 0.5)"));
        assertEquals(2.68, one("round(2.675, 2)"), "as the decimal is written, not its binary value");
        assertEquals(-3, one("floor(-2.5)"));
        assertEquals(3, one("ceil(2.1)"));
        assertEquals(Math.sin(2), one("sin(x)"));
        assertEquals(Math.cos(2), one("COS(x)"), "function names ignore case");
        assertEquals(2, one("abs(-x)"));
        assertEquals(10, one("if(x > 1, 10, 20)"));
    }

    @Test
    void missingValuesPropagateAndNonFiniteResultsBecomeMissingWithAWarning() {
        assertArrayEquals(new double[] {5, 3, 3.5, Double.NaN}, eval("a + n"));
        assertArrayEquals(new double[] {0, 0, 0, 1}, eval("ismissing(a)"));
        assertArrayEquals(new double[] {1, 0, 1, -1}, eval("if(ismissing(a), -1, flag)"), "booleans count as 1 and 0");
        assertArrayEquals(new double[] {1, 0, 1, Double.NaN}, eval("a > 0"), "a comparison with a missing cell is missing");
        assertArrayEquals(new double[] {11, 18, 33.5, Double.NaN}, eval("`b c` + a"));
        TestContext ctx = TestContext.create();
        var s = tester.settings(Map.of("outputColumn", "y", "expression", "`b c` / n + sqrt(n - 5)"));
        Table t = (Table) tester.execute(s, ctx, T).outputs().get(0);
        // Row 1: 10/4 + sqrt(-1) = NaN; row 3: 30/0 = inf; row 4: 40/7 + sqrt(2).
        assertArrayEquals(new double[] {Double.NaN, 4, Double.NaN, 40.0 / 7 + Math.sqrt(2)}, column(t, "y"), 1e-15);
        assertEquals(List.of("2 row(s) gave no finite number (division by zero, log or sqrt outside its domain, "
                + "overflow…); their 'y' cells are missing."), ctx.warnings());
    }

    @Test
    void mistakesArePointedOutWithTheirPosition() {
        TableSpec iris = Fixtures.iris().spec();
        assertEquals("Unknown column 'sepal_lenght' at position 5 (did you mean 'sepal_length'?). Expression: "
                + "2 * sepal_lenght", error("2 * sepal_lenght", iris));
        assertEquals("Expected ')' at position 12 (the expression ended). Expression: sqrt((a + n",
                error("sqrt((a + n", T.spec()));
        assertEquals("Expected ')' at position 10, found 'n'. Expression: sqrt(a   n)", error("sqrt(a   n)", T.spec()));
        assertEquals("Unknown function 'sqr' at position 1 (did you mean 'sqrt'?). Expression: sqr(a)", error("sqr(a)", T.spec()));
        assertEquals("Function 'pow' at position 1 takes 2 arguments, but got 1. Expression: pow(a)", error("pow(a)", T.spec()));
        assertEquals("Column 'class' at position 1 is a string column, but a formula computes with numbers. Encode it "
                + "first (One-Hot or Ordinal Encoder), or use a numeric column. Expression: class + 1", error("class + 1", iris));
        assertEquals("Unknown column 'b' at position 1 (did you mean `b c`? Write names with spaces or symbols in "
                + "backticks). Expression: b c", error("b c", T.spec()));
        assertEquals("Unexpected ')' at position 4; expected a number, column or '('. Expression: a +)",
                error("a +)", T.spec()));
        assertEquals("Unexpected ')' at position 2 (no '(' to close). Expression: a)", error("a)", T.spec()));
        assertEquals("Unexpected '=' at position 3; write '==' to compare. Expression: a = 1", error("a = 1", T.spec()));
        assertEquals("Comparisons cannot be chained (at position 7); write a < b && b < c instead of a < b < c. "
                + "Expression: a < n < 3", error("a < n < 3", T.spec()));
        assertEquals("Unexpected '*' at position 4; write ^ for powers (a ^ 2), not **. Expression: a ** 2",
                error("a ** 2", T.spec()));
        assertEquals("Missing closing '`' for the column name that starts at position 5. Expression: a + `b c",
                error("a + `b c", T.spec()));
        assertEquals("Expression is empty. Write a formula over the columns, for example petal_length * petal_width.",
                error(" ", T.spec()));
        var blank = assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("outputColumn", " ")));
        assertEquals("Output column is empty. Name the column the formula computes.", blank.getMessage());
    }

    @Test
    void transformComputesTheSameColumnOnOtherTables() {
        var s = tester.settings(Map.of("outputColumn", "petal_area", "expression", "petal_length * petal_width"));
        Table iris = Fixtures.iris();
        NodeResult r = tester.execute(s, iris.slice(0, 100));
        Transform transform = (Transform) r.outputs().get(1);
        Table test = transform.apply(iris.slice(100, 150), TestContext.create());
        assertEquals(6.0 * 2.5, test.column("petal_area").getDouble(0));
        assertArrayEquals(column((Table) r.outputs().get(0), "petal_area"),
                column(transform.learner().fit(iris.slice(0, 100), TestContext.create()).apply(iris.slice(0, 100),
                        TestContext.create()), "petal_area"));
        var e = assertThrows(InvalidInputException.class,
                () -> transform.apply(iris.select("petal_length", "class"), TestContext.create()));
        assertEquals("Unknown column 'petal_width' at position 16 (available: petal_length, class). Expression: "
                + "petal_length * petal_width", e.getMessage());
    }
}
