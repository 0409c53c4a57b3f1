package dev.quiver.nodes.features;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.TableSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the encoders share. The categories of a column are its nominal domain, which a table keeps
 * across row subsets: a training partition and a test partition then get the same indicator
 * columns, and configure can name them before any data exists.
 */
final class Categories {
    private Categories() {
    }

    static List<ColumnSpec> columns(TableSpec spec, List<String> names, String nodeName) {
        List<ColumnSpec> cols = Columns.resolve(spec, names, c -> c.isNominal() && c.role() == ColumnRole.FEATURE,
                ColumnSpec::isNominal, "nominal (string)", "Columns");
        if (cols.isEmpty()) {
            throw new InvalidInputException("There is no nominal feature column to encode (columns: "
                    + TableSpec.names(spec.columns()) + "). Choose columns in 'Columns'; the " + nodeName
                    + " encodes nominal (string) columns.");
        }
        return cols;
    }

    static void requireNominal(TableSpec in, List<String> names, String transformName) {
        Columns.requirePresent(in, names, transformName);
        for (String n : names) {
            ColumnSpec c = in.find(n).orElseThrow();
            if (!c.isNominal()) {
                throw new InvalidInputException("Column '" + n + "' is a " + c.type().label() + " column here, but the "
                        + transformName + " was fitted on a nominal (string) column. Convert it back first.");
            }
        }
    }

    /**
     * For each code of {@code column}'s own domain, the index of that value among {@code categories},
     * or -1 for a value the transform never saw.
     */
    static int[] codeMap(StringColumn column, List<String> categories) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i), i);
        }
        List<String> domain = column.domain();
        int[] map = new int[domain.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = index.getOrDefault(domain.get(i), -1);
        }
        return map;
    }

    static InvalidInputException unknown(Column column, int row, String value, List<String> categories,
            String nodeName, String setting) {
        return new InvalidInputException("Column '" + column.name() + "' has the value '" + value + "' in row "
                + (row + 1) + ", which the " + nodeName + " did not see when it was fitted (known: "
                + String.join(", ", categories) + "). Set 'Unknown categories' to " + setting
                + ", or fit on data that contains '" + value + "'.");
    }
}
