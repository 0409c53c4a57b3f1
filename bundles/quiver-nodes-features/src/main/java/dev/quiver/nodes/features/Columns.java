package dev.quiver.nodes.features;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Resolves the columns a setting names, where an empty list means a default set. The first two
 * methods copy the preprocessing bundle's helper: node bundles share only quiver-api, never each
 * other's internals, so the messages stay the same without a dependency between bundles.
 */
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
                            + purpose.toLowerCase(Locale.ROOT) + ", or convert it first.");
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

    /** Fails unless each named column of {@code input} is numeric, as it was when the transform was fitted. */
    static void requireNumeric(TableSpec input, List<String> names, String transformName) {
        for (String n : names) {
            ColumnSpec c = input.find(n).orElseThrow();
            if (!c.isNumeric()) {
                throw new InvalidInputException("Column '" + n + "' is a " + c.type().label() + " column here, but "
                        + transformName + " was fitted on a numeric column. Convert it back to numbers first.");
            }
        }
    }

    /**
     * The columns of {@code input} with each column named in {@code replacements} replaced, at its
     * place, by its list (which may be empty or hold several columns).
     */
    static Table replaceInPlace(Table input, Map<String, ? extends List<? extends Column>> replacements) {
        var out = new ArrayList<Column>();
        for (Column c : input.columns()) {
            var r = replacements.get(c.name());
            if (r == null) {
                out.add(c);
            } else {
                out.addAll(r);
            }
        }
        return out.isEmpty() ? input.select(List.of()) : Table.of(out);
    }

    /** The spec counterpart of {@link #replaceInPlace}; fails naming a new column that clashes with another. */
    static TableSpec replaceSpecs(TableSpec input, Map<String, ? extends List<ColumnSpec>> replacements) {
        var out = new ArrayList<ColumnSpec>();
        var names = new HashSet<String>();
        for (ColumnSpec c : input.columns()) {
            var r = replacements.get(c.name());
            for (ColumnSpec s : r == null ? List.of(c) : r) {
                if (!names.add(s.name())) {
                    throw new InvalidInputException("The new column '" + s.name() + "' clashes with a column of the "
                            + "same name. Rename that column first (for example with a Column Rename node).");
                }
                out.add(s);
            }
        }
        return new TableSpec(out);
    }
}
