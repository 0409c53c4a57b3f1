package dev.quiver.nodes.prep;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;

/** Resolves the columns a setting names, where an empty list means a default set. */
final class Columns {
    private Columns() {
    }

    /**
     * The named columns in table order, or, when {@code names} is empty, every column that
     * {@code byDefault} accepts. Unknown names fail listing the available columns; named columns must
     * satisfy {@code allowed}, else the failure says {@code allowedWhat} ("numeric").
     *
     * @param purpose the setting's label, for messages ("Columns")
     */
    static List<ColumnSpec> resolve(TableSpec spec, List<String> names, Predicate<ColumnSpec> byDefault,
            Predicate<ColumnSpec> allowed, String allowedWhat, String purpose) {
        if (names.isEmpty()) {
            return spec.filter(byDefault);
        }
        var wanted = new HashSet<String>();
        var unknown = new ArrayList<String>();
        for (String n : names) {
            if (!spec.contains(n)) {
                unknown.add("'" + n + "'");
            }
            wanted.add(n);
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(purpose + ": column" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " not found (available: " + TableSpec.names(spec.columns())
                    + "). Choose columns that exist in the input table.");
        }
        var out = new ArrayList<ColumnSpec>();
        for (ColumnSpec c : spec.columns()) {
            if (wanted.contains(c.name())) {
                if (!allowed.test(c)) {
                    throw new InvalidInputException(purpose + ": column '" + c.name() + "' is a " + c.type().label()
                            + " column, but only " + allowedWhat + " columns can be used here. Remove it from "
                            + purpose.toLowerCase(java.util.Locale.ROOT) + ", or convert it first.");
                }
                out.add(c);
            }
        }
        return out;
    }

    /** Fails naming the columns a fitted transform needs that {@code input} lacks. */
    static void requirePresent(TableSpec input, List<String> needed, String transformName) {
        var missing = needed.stream().filter(n -> !input.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("The " + transformName + " transform needs column(s) "
                    + String.join(", ", missing) + " that the input table lacks (available: "
                    + TableSpec.names(input.columns()) + "). Apply it to a table with the columns it was fitted on.");
        }
    }
}
