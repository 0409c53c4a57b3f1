package dev.quiver.api.table;

import java.util.Arrays;

/** A column of doubles. NaN is the missing value, as in scikit-learn and pandas. */
public final class DoubleColumn extends Column {
    private final double[] values;

    private DoubleColumn(ColumnSpec spec, double[] values) {
        super(spec);
        this.values = values;
    }

    /** Wraps a copy of {@code values}; NaN cells are missing. */
    public static DoubleColumn of(String name, double... values) {
        return new DoubleColumn(new ColumnSpec(name, ColumnType.DOUBLE), values.clone());
    }

    public static DoubleColumn of(ColumnSpec spec, double[] values) {
        if (spec.type() != ColumnType.DOUBLE) {
            throw new IllegalArgumentException("Spec of '" + spec.name() + "' is not a double column");
        }
        return new DoubleColumn(spec, values.clone());
    }

    /** Takes ownership of {@code values} without copying; the caller must not change the array later. */
    public static DoubleColumn wrap(ColumnSpec spec, double[] values) {
        return new DoubleColumn(spec.withType(ColumnType.DOUBLE), values);
    }

    public double get(int row) {
        return values[row];
    }

    @Override
    public double getDouble(int row) {
        return values[row];
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    /** A copy of the values. */
    public double[] toArray() {
        return values.clone();
    }

    @Override
    public String format(int row) {
        double v = values[row];
        if (Double.isNaN(v)) {
            return null;
        }
        return formatDouble(v);
    }

    /** Shortest decimal form that reads back to the same double; integers without ".0" stay ".0". */
    public static String formatDouble(double v) {
        return Double.toString(v);
    }

    @Override
    public DoubleColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new DoubleColumn(spec(), out);
    }

    @Override
    public DoubleColumn slice(int from, int to) {
        return new DoubleColumn(spec(), Arrays.copyOfRange(values, from, to));
    }

    @Override
    public DoubleColumn withSpec(ColumnSpec newSpec) {
        checkSameType(newSpec);
        return new DoubleColumn(newSpec, values);
    }
}
