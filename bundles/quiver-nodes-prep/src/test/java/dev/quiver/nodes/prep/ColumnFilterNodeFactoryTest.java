package dev.quiver.nodes.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnFilterNodeFactoryTest {
    private final NodeTester<ColumnFilterSettings> tester = NodeTester.of(new ColumnFilterNodeFactory());

    private static Table data() {
        return Fixtures.iris().withColumn(LongColumn.of("n", new long[150]));
    }

    private Table run(Map<String, ?> settings) {
        return (Table) tester.execute(tester.settings(settings), data()).outputs().get(0);
    }

    @Test
    void configureOnSpecsMatchesExecution() {
        var settings = tester.settings(Map.of("columns", List.of("sepal_width")));
        TableSpec spec = (TableSpec) tester.configure(settings, data().spec()).get(0);
        assertEquals(List.of("sepal_length", "petal_length", "petal_width", "class", "n"), spec.names());
        assertEquals(spec, run(Map.of("columns", List.of("sepal_width"))).spec());
    }

    @Test
    void includeKeepsTableOrderRolesAndValues() {
        Table t = run(Map.of("mode", "INCLUDE", "columns", List.of("class", "petal_width")));
        assertEquals(List.of("petal_width", "class"), t.spec().names());
        assertEquals(ColumnRole.LABEL, t.spec().find("class").orElseThrow().role());
        assertEquals(Fixtures.iris().column("petal_width").getDouble(42), t.column("petal_width").getDouble(42));
    }

    @Test
    void typesSelectColumnsToo() {
        assertEquals(List.of("class"), run(Map.of("types", List.of("numeric"))).spec().names());
        assertEquals(List.of("class", "n"), run(Map.of("mode", "INCLUDE", "types", List.of("Nominal", "long"))).spec().names());
        assertEquals(List.of("sepal_length", "class", "n"),
                run(Map.of("mode", "INCLUDE", "columns", List.of("sepal_length"), "types", List.of("string", "long")))
                        .spec().names());
    }

    @Test
    void defaultsKeepEverything() {
        assertEquals(data().spec(), run(Map.of()).spec());
    }

    @Test
    void unknownColumnsAndTypesAreClearErrors() {
        var e = assertThrows(InvalidInputException.class, () -> run(Map.of("columns", List.of("petal", "sepal"))));
        assertEquals("Columns: columns 'petal', 'sepal' not found (available: sepal_length, sepal_width, petal_length, "
                + "petal_width, class, n). Choose columns that exist in the input table.", e.getMessage());
        var t = assertThrows(InvalidInputException.class, () -> run(Map.of("types", List.of("int"))));
        assertEquals("Types: 'int' is not a column type (valid: double, long, string, nominal, boolean, numeric). "
                + "Change 'Types'.", t.getMessage());
    }

    @Test
    void removingEveryColumnIsAnError() {
        var e = assertThrows(InvalidInputException.class,
                () -> run(Map.of("types", List.of("numeric", "string"))));
        assertEquals("Every column is excluded. Keep at least one column.", e.getMessage());
        var i = assertThrows(InvalidInputException.class, () -> run(Map.of("mode", "INCLUDE")));
        assertEquals("No column is included (columns: sepal_length, sepal_width, petal_length, petal_width, class, n). "
                + "Choose the columns or types to keep.", i.getMessage());
    }
}
