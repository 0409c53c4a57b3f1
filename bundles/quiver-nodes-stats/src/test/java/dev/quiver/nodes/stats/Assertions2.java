package dev.quiver.nodes.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.Table;
import org.junit.jupiter.api.function.Executable;

/** Small helpers shared by this bundle's tests. */
final class Assertions2 {
    private Assertions2() {
    }

    static final double TOL = 1e-9;

    /** Within 1e-9, relative for numbers above 1 in size (a p-value of 1e-30 is compared absolutely). */
    static void close(double expected, double actual, String what) {
        double tol = TOL * Math.max(1.0, Math.abs(expected));
        assertEquals(expected, actual, tol, what);
    }

    static double cell(Table t, int row, String column) {
        return t.column(column).getDouble(row);
    }

    /** The row whose first (key) column holds {@code key}. */
    static int row(Table t, String key) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (key.equals(t.column(0).format(i))) {
                return i;
            }
        }
        throw new AssertionError("No row '" + key + "' in " + t);
    }

    static InvalidInputException fails(Executable e, String... fragments) {
        InvalidInputException ex = assertThrows(InvalidInputException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), () -> "Message '" + ex.getMessage() + "' lacks '" + f + "'");
        }
        return ex;
    }
}
