package dev.quiver.api.table;

import java.util.Arrays;
import java.util.BitSet;

/** A column of 64-bit integers with a missing-value bitmap. */
public final class LongColumn extends Column {
    private final long[] values;
    private final BitSet missing;

    private LongColumn(ColumnSpec spec, long[] values, BitSet missing) {
        super(spec);
        this.values = values;
        this.missing = missing;
    }

    public static LongColumn of(String name, long... values) {
        return new LongColumn(new ColumnSpec(name, ColumnType.LONG), values.clone(), new BitSet());
    }

    /** Takes ownership of both arrays; a set bit in {@code missing} marks a missing cell. */
    public static LongColumn wrap(ColumnSpec spec, long[] values, BitSet missing) {
        return new LongColumn(spec.withType(ColumnType.LONG), values, missing == null ? new BitSet() : missing);
    }

    public long get(int row) {
        return values[row];
    }

    @Override
    public double getDouble(int row) {
        return missing.get(row) ? Double.NaN : values[row];
    }

    @Override
    public int size() {
        return values.length;
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
        return missing.get(row) ? null : Long.toString(values[row]);
    }

    @Override
    public LongColumn select(int[] rows) {
        long[] out = new long[rows.length];
        BitSet outMissing = new BitSet();
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
            if (missing.get(rows[i])) {
                outMissing.set(i);
            }
        }
        return new LongColumn(spec(), out, outMissing);
    }

    @Override
    public LongColumn slice(int from, int to) {
        return new LongColumn(spec(), Arrays.copyOfRange(values, from, to), missing.get(from, to));
    }

    @Override
    public LongColumn withSpec(ColumnSpec newSpec) {
        checkSameType(newSpec);
        return new LongColumn(newSpec, values, missing);
    }
}
