package dev.quiver.nodes.stats;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The values of a numeric column split by the levels of a group column, skipping rows with a missing cell. */
final class Groups {
    final List<String> levels;
    final List<double[]> values;
    final int skipped;

    private Groups(List<String> levels, List<double[]> values, int skipped) {
        this.levels = levels;
        this.values = values;
        this.skipped = skipped;
    }

    /** The group column named in the settings, or the table's label column when blank. */
    static ColumnSpec groupColumn(TableSpec spec, String name, String purpose) {
        if (name != null && !name.isBlank()) {
            return spec.require(name, purpose);
        }
        return spec.columns().stream().filter(c -> c.role() == ColumnRole.LABEL).findFirst()
                .orElseThrow(() -> new InvalidInputException(purpose + " is not set and the table has no label column "
                        + "(available: " + TableSpec.names(spec.columns()) + "). Choose a " + purpose.toLowerCase()
                        + "."));
    }

    static Groups of(Column value, Column group) {
        // Nominal levels keep their domain order; other types are ordered by value.
        Map<String, List<Double>> byLevel = group instanceof StringColumn s ? new LinkedHashMap<>() : new TreeMap<>();
        Map<Double, String> numericOrder = new TreeMap<>();
        if (group instanceof StringColumn s) {
            for (String d : s.domain()) {
                byLevel.put(d, new ArrayList<>());
            }
        }
        int skipped = 0;
        for (int i = 0; i < value.size(); i++) {
            double v = value.getDouble(i);
            if (Double.isNaN(v) || group.isMissing(i)) {
                skipped++;
                continue;
            }
            String level = group.format(i);
            if (!(group instanceof StringColumn)) {
                numericOrder.put(group.getDouble(i), level);
            }
            byLevel.computeIfAbsent(level, k -> new ArrayList<>()).add(v);
        }
        var levels = new ArrayList<String>();
        var values = new ArrayList<double[]>();
        Iterable<String> order = group instanceof StringColumn ? byLevel.keySet() : numericOrder.values();
        for (String level : order) {
            List<Double> vs = byLevel.get(level);
            if (!vs.isEmpty()) {
                levels.add(level);
                values.add(vs.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return new Groups(levels, values, skipped);
    }

    void requireLevels(int min, int max, String groupName, String test, String alternative) {
        int k = levels.size();
        if (k < min || k > max) {
            String wanted = min == max ? "exactly " + min : "at least " + min;
            throw new InvalidInputException("Group column '" + groupName + "' has " + k + " level" + (k == 1 ? "" : "s")
                    + " with values (" + String.join(", ", levels) + "), but " + test + " needs " + wanted + ". "
                    + alternative);
        }
    }

    void requireSize(int min, String test) {
        for (int g = 0; g < levels.size(); g++) {
            if (values.get(g).length < min) {
                throw new InvalidInputException("Group '" + levels.get(g) + "' has " + values.get(g).length
                        + " value" + (values.get(g).length == 1 ? "" : "s") + ", but " + test + " needs at least " + min
                        + " per group. Collect more rows or merge groups.");
            }
        }
    }

    int total() {
        return values.stream().mapToInt(v -> v.length).sum();
    }

    @Override
    public String toString() {
        return levels + " " + values.stream().map(Arrays::toString).toList();
    }
}
