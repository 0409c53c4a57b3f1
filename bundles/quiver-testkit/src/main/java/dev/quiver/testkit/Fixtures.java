package dev.quiver.testkit;

import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The public data sets as tables, for tests. These files are simple (no quotes, empty field =
 * missing), so a few lines read them; product code reads CSV with the CSV Reader node. The last
 * column, {@code class}, is nominal with role LABEL; all others are doubles.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Table iris() {
        return load("iris.csv");
    }

    public static Table irisMissing() {
        return load("iris_missing.csv");
    }

    public static Table wine() {
        return load("wine.csv");
    }

    public static Table breastCancer() {
        return load("breast_cancer.csv");
    }

    public static Table digits() {
        return load("digits.csv");
    }

    public static Table moons() {
        return load("moons.csv");
    }

    public static Table circles() {
        return load("circles.csv");
    }

    /** Loads {@code data/NAME} from the test kit's resources. */
    public static Table load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("data/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = reader.readLine().split(",", -1);
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    rows.add(line.split(",", -1));
                }
            }
            var cols = new ArrayList<Column>();
            for (int j = 0; j < header.length; j++) {
                if (j == header.length - 1) {
                    var values = new ArrayList<String>(rows.size());
                    for (String[] r : rows) {
                        values.add(r[j]);
                    }
                    cols.add(StringColumn.of(new ColumnSpec(header[j], ColumnType.STRING, ColumnRole.LABEL), values));
                } else {
                    double[] v = new double[rows.size()];
                    for (int i = 0; i < v.length; i++) {
                        String s = rows.get(i)[j];
                        v[i] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
                    }
                    cols.add(DoubleColumn.wrap(new ColumnSpec(header[j], ColumnType.DOUBLE), v));
                }
            }
            return Table.of(cols);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
