package dev.quiver.api.table;

/**
 * An immutable, typed column of values with missing cells. Subclasses store primitives in arrays,
 * so reading a cell never boxes. Name, type, role and domain live in the {@link #spec()}.
 */
public abstract sealed class Column permits DoubleColumn, LongColumn, StringColumn, BooleanColumn {
    private final ColumnSpec spec;

    Column(ColumnSpec spec) {
        this.spec = spec;
    }

    public final ColumnSpec spec() {
        return spec;
    }

    public final String name() {
        return spec.name();
    }

    public final ColumnType type() {
        return spec.type();
    }

    public abstract int size();

    public abstract boolean isMissing(int row);

    /** Number of missing cells. */
    public int missingCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The cell as a double: numbers as they are, booleans as 1/0, nominal values as their code in
     * the domain; NaN where missing.
     */
    public abstract double getDouble(int row);

    /** The cell as text for display and CSV output; {@code null} where missing. */
    public abstract String format(int row);

    /** A new column holding the given rows in the given order (rows may repeat). */
    public abstract Column select(int[] rows);

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public Column slice(int from, int to) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return select(rows);
    }

    /** The same data under another spec (a new name or role). The type must stay the same. */
    public abstract Column withSpec(ColumnSpec newSpec);

    public final Column renamed(String newName) {
        return withSpec(spec.withName(newName));
    }

    public final Column withRole(ColumnRole role) {
        return withSpec(spec.withRole(role));
    }

    void checkSameType(ColumnSpec newSpec) {
        if (newSpec.type() != spec.type()) {
            throw new IllegalArgumentException("Cannot change the type of column '" + name() + "' from "
                    + spec.type() + " to " + newSpec.type());
        }
    }

    @Override
    public String toString() {
        return spec + "[" + size() + "]";
    }
}
