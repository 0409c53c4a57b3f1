package dev.quiver.api.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A nominal column: each cell is a code into the domain (the sorted distinct values), -1 where
 * missing. Row subsets keep the full domain, so a test partition knows every class the training
 * partition knows.
 */
public final class StringColumn extends Column {
    public static final int MISSING = -1;
    private final int[] codes;
    private final String[] domain;

    private StringColumn(ColumnSpec spec, int[] codes, String[] domain) {
        super(spec);
        this.codes = codes;
        this.domain = domain;
    }

    /** Builds a column from values; {@code null} is missing. The domain is the sorted distinct values. */
    public static StringColumn of(String name, String... values) {
        return of(new ColumnSpec(name, ColumnType.STRING), Arrays.asList(values));
    }

    public static StringColumn of(ColumnSpec spec, List<String> values) {
        var distinct = new TreeSet<String>();
        for (String v : values) {
            if (v != null) {
                distinct.add(v);
            }
        }
        // Values of a domain given in the spec keep their order; new ones are appended sorted.
        var domain = new ArrayList<String>(spec.domain());
        var known = new java.util.HashSet<>(domain);
        for (String v : distinct) {
            if (known.add(v)) {
                domain.add(v);
            }
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < domain.size(); i++) {
            index.put(domain.get(i), i);
        }
        int[] codes = new int[values.size()];
        for (int i = 0; i < codes.length; i++) {
            String v = values.get(i);
            codes[i] = v == null ? MISSING : index.get(v);
        }
        return new StringColumn(spec.withType(ColumnType.STRING).withDomain(domain), codes, domain.toArray(String[]::new));
    }

    /** Takes ownership of {@code codes}; each code indexes {@code domain}, -1 is missing. */
    public static StringColumn wrap(ColumnSpec spec, int[] codes, List<String> domain) {
        for (int c : codes) {
            if (c < MISSING || c >= domain.size()) {
                throw new IllegalArgumentException("Code " + c + " outside the domain of '" + spec.name() + "'");
            }
        }
        return new StringColumn(spec.withType(ColumnType.STRING).withDomain(domain), codes, domain.toArray(String[]::new));
    }

    public String get(int row) {
        int c = codes[row];
        return c == MISSING ? null : domain[c];
    }

    /** The code of the cell in {@link #domain()}, or {@link #MISSING}. */
    public int code(int row) {
        return codes[row];
    }

    public List<String> domain() {
        return List.of(domain);
    }

    @Override
    public double getDouble(int row) {
        int c = codes[row];
        return c == MISSING ? Double.NaN : c;
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] == MISSING;
    }

    @Override
    public String format(int row) {
        return get(row);
    }

    @Override
    public StringColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = codes[rows[i]];
        }
        return new StringColumn(spec(), out, domain);
    }

    @Override
    public StringColumn slice(int from, int to) {
        return new StringColumn(spec(), Arrays.copyOfRange(codes, from, to), domain);
    }

    @Override
    public StringColumn withSpec(ColumnSpec newSpec) {
        checkSameType(newSpec);
        if (!newSpec.domain().equals(List.of(domain))) {
            newSpec = newSpec.withDomain(List.of(domain));
        }
        return new StringColumn(newSpec, codes, domain);
    }
}
