package dev.quiver.api.table;

import java.util.BitSet;

/** A column of booleans, stored as two bitmaps (values and missing). */
public final class BooleanColumn extends Column {
    private final BitSet values;
    private final BitSet missing;
    private final int size;

    private BooleanColumn(ColumnSpec spec, BitSet values, BitSet missing, int size) {
        super(spec);
        this.values = values;
        this.missing = missing;
        this.size = size;
    }

    public static BooleanColumn of(String name, boolean... values) {
        BitSet bits = new BitSet(values.length);
        for (int i = 0; i < values.length; i++) {
            bits.set(i, values[i]);
        }
        return new BooleanColumn(new ColumnSpec(name, ColumnType.BOOLEAN), bits, new BitSet(), values.length);
    }

    /** Takes ownership of both bitmaps. */
    public static BooleanColumn wrap(ColumnSpec spec, BitSet values, BitSet missing, int size) {
        return new BooleanColumn(spec.withType(ColumnType.BOOLEAN), values, missing == null ? new BitSet() : missing, size);
    }

    public boolean get(int row) {
        return values.get(row);
    }

    @Override
    public double getDouble(int row) {
        return missing.get(row) ? Double.NaN : values.get(row) ? 1.0 : 0.0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isMissing(int row) {
        return missing.get(row);
    }

    @Override
    public int missingCount() {
        return missing.cardinality();
    }

    @Override
    public String format(int row) {
        return missing.get(row) ? null : Boolean.toString(values.get(row));
    }

    @Override
    public BooleanColumn select(int[] rows) {
        BitSet v = new BitSet(rows.length);
        BitSet m = new BitSet();
        for (int i = 0; i < rows.length; i++) {
            v.set(i, values.get(rows[i]));
            m.set(i, missing.get(rows[i]));
        }
        return new BooleanColumn(spec(), v, m, rows.length);
    }

    @Override
    public BooleanColumn withSpec(ColumnSpec newSpec) {
        checkSameType(newSpec);
        return new BooleanColumn(newSpec, values, missing, size);
    }
}
