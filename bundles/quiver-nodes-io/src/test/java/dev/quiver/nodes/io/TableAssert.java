package dev.quiver.nodes.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.table.Column;
import dev.quiver.api.table.Table;

/** Cell-by-cell comparison of two tables, including types and nominal domains. */
final class TableAssert {
    private TableAssert() {
    }

    static void assertTablesEqual(Table expected, Table actual) {
        assertEquals(expected.spec().names(), actual.spec().names(), "column names");
        assertEquals(expected.rowCount(), actual.rowCount(), "row count");
        for (int j = 0; j < expected.columnCount(); j++) {
            Column e = expected.column(j);
            Column a = actual.column(j);
            assertEquals(e.type(), a.type(), "type of " + e.name());
            assertEquals(e.spec().domain(), a.spec().domain(), "domain of " + e.name());
            for (int i = 0; i < expected.rowCount(); i++) {
                assertEquals(e.isMissing(i), a.isMissing(i), e.name() + " row " + i + " missing");
                // Bitwise: the writer must not lose a single ulp.
                assertEquals(Double.doubleToLongBits(e.getDouble(i)), Double.doubleToLongBits(a.getDouble(i)),
                        e.name() + " row " + i);
                assertEquals(e.format(i), a.format(i), e.name() + " row " + i);
            }
        }
    }
}
