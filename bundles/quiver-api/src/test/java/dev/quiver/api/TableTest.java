package dev.quiver.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.table.BooleanColumn;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    private final Table table = Table.of(
            DoubleColumn.of("x", 1.5, Double.NaN, 3.0),
            LongColumn.wrap(new ColumnSpec("n", ColumnType.LONG), new long[] {7, 8, 9}, bits(1)),
            StringColumn.of("c", "b", null, "a"),
            BooleanColumn.of("flag", true, false, true));

    private static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }

    @Test
    void columnsKnowTheirTypesAndMissingCells() {
        assertEquals(3, table.rowCount());
        assertEquals(List.of("x", "n", "c", "flag"), table.spec().names());
        assertTrue(table.column("x").isMissing(1));
        assertTrue(table.column("n").isMissing(1));
        assertTrue(table.column("c").isMissing(1));
        assertEquals(1, table.column("x").missingCount());
        assertEquals(List.of("a", "b"), table.stringColumn("c").domain(), "sorted domain");
        assertEquals(1.0, table.column("c").getDouble(0), "nominal as its code");
        assertEquals(1.0, table.column("flag").getDouble(0));
        assertNull(table.column("c").format(1));
    }

    @Test
    void selectingColumnsSharesThemAndRowSubsetsKeepTheDomain() {
        Table sel = table.select("c", "x");
        assertSame(table.column("x"), sel.column("x"));
        Table rows = table.rows(new int[] {2, 2});
        assertEquals("a", rows.stringColumn("c").get(1));
        assertEquals(List.of("a", "b"), rows.stringColumn("c").domain(), "unseen class kept");
        assertEquals(9L, ((LongColumn) rows.column("n")).get(0));
        Table slice = table.slice(1, 3);
        assertEquals(2, slice.rowCount());
        assertTrue(slice.column("n").isMissing(0));
        assertTrue(((BooleanColumn) slice.column("flag")).get(1));
    }

    @Test
    void missingColumnErrorListsTheAvailableOnes() {
        var e = assertThrows(InvalidInputException.class, () -> table.column("y"));
        assertEquals("Column 'y' not found (available: x, n, c, flag). Choose a column that exists in the input table.",
                e.getMessage());
        var e2 = assertThrows(InvalidInputException.class, () -> table.spec().requireNumeric("c", "Feature column"));
        assertEquals("Feature column 'c' is a string column, but a numeric column is needed. Choose a numeric column, "
                + "or convert it first.", e2.getMessage());
    }

    @Test
    void rowMajorMatrixRefusesMissingValuesNamingTheCell() {
        var e = assertThrows(InvalidInputException.class, () -> table.toRowMajor(List.of("x")));
        assertEquals("Column 'x' has a missing value in row 2. Add a Missing Values node before this one.", e.getMessage());
        assertArrayEquals(new double[] {3.0, 9.0}, table.rows(new int[] {2}).toRowMajor(List.of("x", "n"))[0]);
    }

    @Test
    void withColumnsReplacesInPlaceAndAppends() {
        Table t = table.withColumns(List.of(DoubleColumn.of("x", 0, 0, 0), DoubleColumn.of("z", 1, 2, 3)));
        assertEquals(List.of("x", "n", "c", "flag", "z"), t.spec().names());
        assertEquals(0.0, t.doubleColumn("x").get(0));
        assertEquals(ColumnRole.LABEL, t.withRole("c", ColumnRole.LABEL).spec().require("c", "c").role());
    }

    @Test
    void duplicateNamesAndMismatchedLengthsAreRefused() {
        assertThrows(InvalidInputException.class, () -> Table.of(DoubleColumn.of("a", 1), DoubleColumn.of("a", 2)));
        assertThrows(IllegalArgumentException.class, () -> Table.of(DoubleColumn.of("a", 1), DoubleColumn.of("b", 1, 2)));
    }

    @Test
    void specHelpers() {
        TableSpec spec = table.spec();
        assertEquals(List.of("n", "c"), spec.without(List.of("x", "flag")).names());
        assertEquals(2, spec.filter(ColumnSpec::isNumeric).size());
        assertEquals(0, Table.empty(spec).rowCount());
        assertEquals(spec, Table.empty(spec).spec());
    }
}
