package dev.quiver.nodes.stats;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.Table;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/** Reading the numeric part of a table as a matrix, and writing matrices back as tables. */
final class Matrices {
    private Matrices() {
    }

    static RealMatrix read(Table table, List<String> columns, String node) {
        if (table.rowCount() == 0) {
            throw new InvalidInputException(node + " needs at least one row, but the input table is empty.");
        }
        return MatrixUtils.createRealMatrix(table.toRowMajor(columns));
    }

    /** The matrix's columns as double columns with the given names. */
    static List<Column> columns(RealMatrix m, List<String> names) {
        var out = new ArrayList<Column>();
        for (int j = 0; j < names.size(); j++) {
            out.add(Support.dbl(names.get(j), m.getColumn(j)));
        }
        return out;
    }

    static Table table(RealMatrix m, List<String> names) {
        return Table.of(columns(m, names));
    }

    static Table labelled(String keyName, List<String> keys, RealMatrix m, List<String> names) {
        return Support.labelledMatrix(keyName, keys, names, m.getData());
    }

    static long[] oneToN(int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = i + 1;
        }
        return out;
    }
}
