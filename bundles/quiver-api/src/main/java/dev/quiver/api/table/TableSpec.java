package dev.quiver.api.table;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The columns of a table, known at configure time. Column names are unique. */
public record TableSpec(List<ColumnSpec> columns) implements PortSpec {

    public TableSpec {
        columns = List.copyOf(columns);
        var seen = new java.util.HashSet<String>();
        for (ColumnSpec c : columns) {
            if (!seen.add(c.name())) {
                throw new InvalidInputException("Duplicate column name '" + c.name()
                        + "'. Rename one of the columns so that every name is unique.");
            }
        }
    }

    public static TableSpec of(ColumnSpec... columns) {
        return new TableSpec(List.of(columns));
    }

    @Override
    public PortType type() {
        return PortType.TABLE;
    }

    public int columnCount() {
        return columns.size();
    }

    public ColumnSpec column(int index) {
        return columns.get(index);
    }

    public Optional<ColumnSpec> find(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The named column, or an error that lists the available columns.
     *
     * @param purpose what the column is for, as the setting's label ("Label column")
     */
    public ColumnSpec require(String name, String purpose) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(purpose + " is not set (available: " + names(columns) + "). Choose "
                    + article(purpose) + purpose.toLowerCase() + ".");
        }
        return find(name).orElseThrow(() -> new InvalidInputException(purpose + " '" + name
                + "' not found (available: " + names(columns) + "). Choose " + article(purpose)
                + purpose.toLowerCase() + " that exists in the input table."));
    }

    /** Like {@link #require} and also demands a numeric column. */
    public ColumnSpec requireNumeric(String name, String purpose) {
        ColumnSpec c = require(name, purpose);
        if (!c.isNumeric()) {
            throw new InvalidInputException(purpose + " '" + name + "' is a " + c.type().label()
                    + " column, but a numeric column is needed. Choose a numeric column, or convert it first.");
        }
        return c;
    }

    public List<String> names() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    public List<ColumnSpec> filter(Predicate<ColumnSpec> predicate) {
        return columns.stream().filter(predicate).toList();
    }

    /** The spec with only the named columns, in the given order. */
    public TableSpec select(Collection<String> names) {
        var out = new ArrayList<ColumnSpec>();
        for (String n : names) {
            out.add(require(n, "Column"));
        }
        return new TableSpec(out);
    }

    /** Replaces same-named columns in place and appends new ones. */
    public TableSpec withColumns(List<ColumnSpec> replacements) {
        Map<String, ColumnSpec> byName = new HashMap<>();
        replacements.forEach(c -> byName.put(c.name(), c));
        var out = new ArrayList<ColumnSpec>();
        for (ColumnSpec c : columns) {
            out.add(byName.getOrDefault(c.name(), c));
            byName.remove(c.name());
        }
        for (ColumnSpec c : replacements) {
            if (byName.containsKey(c.name())) {
                out.add(c);
            }
        }
        return new TableSpec(out);
    }

    public TableSpec without(Collection<String> names) {
        return new TableSpec(columns.stream().filter(c -> !names.contains(c.name())).toList());
    }

    @Override
    public String describe() {
        return columns.size() + " columns: " + columns.stream().map(ColumnSpec::toString).collect(Collectors.joining(", "));
    }

    public static String names(Collection<ColumnSpec> columns) {
        if (columns.isEmpty()) {
            return "none";
        }
        return columns.stream().map(ColumnSpec::name).collect(Collectors.joining(", "));
    }

    private static String article(String purpose) {
        return "aeiouAEIOU".indexOf(purpose.charAt(0)) >= 0 ? "an " : "a ";
    }
}
