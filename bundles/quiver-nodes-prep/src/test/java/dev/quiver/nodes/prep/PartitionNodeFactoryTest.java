package dev.quiver.nodes.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionNodeFactoryTest {
    private final NodeTester<PartitionSettings> tester = NodeTester.of(new PartitionNodeFactory());

    /** Iris with its row number in an id column, to see which rows went where. */
    private static Table iris() {
        Table iris = Fixtures.iris();
        return iris.withColumn(LongColumn.of("id", IntStream.range(0, 150).asLongStream().toArray()));
    }

    private List<Table> split(Map<String, ?> settings, Table table) {
        NodeResult r = tester.execute(tester.settings(settings), table);
        return List.of((Table) r.outputs().get(0), (Table) r.outputs().get(1));
    }

    private static long[] ids(Table t) {
        LongColumn id = (LongColumn) t.column("id");
        return IntStream.range(0, t.rowCount()).mapToLong(id::get).toArray();
    }

    private static Map<String, Integer> classCounts(Table t) {
        var counts = new HashMap<String, Integer>();
        StringColumn c = (StringColumn) t.column("class");
        for (int i = 0; i < t.rowCount(); i++) {
            counts.merge(c.get(i), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void configurePassesTheSpecToBothOutputs() {
        List<PortSpec> out = tester.configure(tester.settings(Map.of()), Fixtures.iris().spec());
        assertEquals(List.of(Fixtures.iris().spec(), Fixtures.iris().spec()), out);
    }

    @Test
    void stratifiedKeepsClassProportionsAndRowOrder() {
        List<Table> parts = split(Map.of(), iris());
        assertEquals(105, parts.get(0).rowCount());
        assertEquals(45, parts.get(1).rowCount());
        assertEquals(Map.of("setosa", 35, "versicolor", 35, "virginica", 35), classCounts(parts.get(0)));
        assertEquals(Map.of("setosa", 15, "versicolor", 15, "virginica", 15), classCounts(parts.get(1)));
        for (Table p : parts) {
            long[] ids = ids(p);
            for (int i = 1; i < ids.length; i++) {
                assertTrue(ids[i - 1] < ids[i], "input order is kept");
            }
        }
        // Every row lands in exactly one output.
        long[] all = IntStream.range(0, 150).asLongStream().toArray();
        long[] both = java.util.stream.LongStream.concat(java.util.Arrays.stream(ids(parts.get(0))),
                java.util.Arrays.stream(ids(parts.get(1)))).sorted().toArray();
        assertEquals(java.util.Arrays.toString(all), java.util.Arrays.toString(both));
        // The test partition keeps the full class domain.
        assertEquals(List.of("setosa", "versicolor", "virginica"), ((StringColumn) parts.get(1).column("class")).domain());
    }

    @Test
    void sameSeedSamePartitionsOtherSeedOtherPartitions() {
        for (String mode : List.of("STRATIFIED", "RANDOM")) {
            long[] a = ids(split(Map.of("mode", mode), iris()).get(0));
            long[] b = ids(split(Map.of("mode", mode), iris()).get(0));
            long[] c = ids(split(Map.of("mode", mode, "seed", 7), iris()).get(0));
            assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b), mode);
            assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(c), mode);
        }
    }

    @Test
    void randomAndFromTop() {
        List<Table> random = split(Map.of("mode", "RANDOM", "trainFraction", 0.2), iris());
        assertEquals(30, random.get(0).rowCount());
        assertEquals(120, random.get(1).rowCount());
        List<Table> top = split(Map.of("mode", "FROM_TOP", "trainFraction", 0.1), iris());
        assertEquals(java.util.Arrays.toString(IntStream.range(0, 15).asLongStream().toArray()),
                java.util.Arrays.toString(ids(top.get(0))));
        assertEquals(15, ids(top.get(1))[0]);
    }

    @Test
    void roundsHalfUpPerClassAndMissingClassesFormTheirOwnGroup() {
        // Classes of 5 rows: 0.5 × 5 = 2.5 → 3 train rows each; 3 rows without a class: 1.5 → 2.
        String[] classes = new String[13];
        for (int i = 0; i < 10; i++) {
            classes[i] = i % 2 == 0 ? "a" : "b";
        }
        Table t = Table.of(LongColumn.of("id", IntStream.range(0, 13).asLongStream().toArray()),
                StringColumn.of("class", classes));
        Table train = split(Map.of("trainFraction", 0.5), t).get(0);
        assertEquals(8, train.rowCount());
        assertEquals(2, train.column("class").missingCount());
        var counts = classCounts(train);
        assertEquals(3, counts.get("a"));
        assertEquals(3, counts.get("b"));
    }

    @Test
    void stratifyColumnDefaultsToTheLabelElseTheLastNominalColumn() {
        Table t = Table.of(StringColumn.of("first", "x", "x", "y", "y"), StringColumn.of("second", "p", "q", "p", "q"));
        assertEquals("second", PartitionNodeFactory.stratifyColumn(t.spec(), "").name());
        assertEquals("first", PartitionNodeFactory.stratifyColumn(t.withRole("first", ColumnRole.LABEL).spec(), "").name());
        assertEquals("first", PartitionNodeFactory.stratifyColumn(t.spec(), "first").name());
    }

    @Test
    void fractionMustBeStrictlyBetweenZeroAndOne() {
        for (double f : new double[] {0, 1}) {
            var e = assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("trainFraction", f)));
            assertEquals("Train fraction is " + f + ", but must be strictly between 0 and 1 (both outputs need rows). "
                    + "Change 'Train fraction'.", e.getMessage());
        }
        var out = assertThrows(InvalidInputException.class, () -> tester.settings(Map.of("trainFraction", 1.5)));
        assertTrue(out.getMessage().contains("1.5"), out.getMessage());
    }

    @Test
    void stratifyingByANumericColumnIsAClearError() {
        var e = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of("stratifyColumn", "petal_width")), Fixtures.iris().spec()));
        assertEquals("Stratify column 'petal_width' is a double column, but stratifying needs a nominal (string) column "
                + "of classes. Choose a nominal column, or use the RANDOM mode.", e.getMessage());
        var none = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of()), Table.of(DoubleColumn.of("x", 1)).spec()));
        assertTrue(none.getMessage().startsWith("There is no nominal column to stratify by (columns: x)."), none.getMessage());
        var missing = assertThrows(InvalidInputException.class,
                () -> tester.configure(tester.settings(Map.of("stratifyColumn", "y")), Fixtures.iris().spec()));
        assertTrue(missing.getMessage().startsWith("Stratify column 'y' not found (available: sepal_length,"),
                missing.getMessage());
        // Random mode does not need one.
        tester.configure(tester.settings(Map.of("mode", "RANDOM")), Table.of(DoubleColumn.of("x", 1)).spec());
    }

    @Test
    void emptyInputIsAClearError() {
        Table empty = Table.empty(Fixtures.iris().spec());
        var e = assertThrows(InvalidInputException.class, () -> split(Map.of(), empty));
        assertEquals("The input table has no rows, so there is nothing to partition. Check the node that feeds this one.",
                e.getMessage());
    }

    @Test
    void tinyInputWarnsAboutAnEmptyOutput() {
        TestContext ctx = TestContext.create();
        tester.execute(tester.settings(Map.of("mode", "RANDOM", "trainFraction", 0.9)), ctx,
                Table.of(DoubleColumn.of("x", 1)));
        assertEquals(1, ctx.warnings().size());
        assertTrue(ctx.warnings().get(0).startsWith("The test output is empty"), ctx.warnings().get(0));
    }
}
