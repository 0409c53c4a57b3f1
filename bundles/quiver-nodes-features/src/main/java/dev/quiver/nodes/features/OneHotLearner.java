package dev.quiver.nodes.features;

import dev.quiver.api.port.TransformCodec;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.features.OneHotSettings.UnknownCategories;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Learns each column's categories and replaces the column by one 0/1 indicator column per category. */
final class OneHotLearner implements TransformLearner {
    static final String NAME = "One-Hot Encoder";
    private final OneHotSettings settings;

    OneHotLearner(OneHotSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The categories of each column, in domain order; fails for a column whose domain is not known. */
    private Map<String, List<String>> categories(TableSpec spec) {
        var out = new LinkedHashMap<String, List<String>>();
        for (ColumnSpec c : Categories.columns(spec, settings.columns(), NAME)) {
            out.put(c.name(), c.domain());
        }
        return out;
    }

    @Override
    public TransformSpec configure(TableSpec training) {
        Map<String, List<String>> categories = categories(training);
        return TransformSpec.of(NAME, training, in -> mapSpec(categories, settings.dropFirst(), in));
    }

    static TableSpec mapSpec(Map<String, List<String>> categories, boolean dropFirst, TableSpec in) {
        Categories.requireNominal(in, List.copyOf(categories.keySet()), NAME);
        var replacements = new LinkedHashMap<String, List<ColumnSpec>>();
        categories.forEach((name, values) -> {
            var specs = new ArrayList<ColumnSpec>();
            for (int k = dropFirst ? 1 : 0; k < values.size(); k++) {
                specs.add(new ColumnSpec(indicatorName(name, values.get(k)), ColumnType.DOUBLE)
                        .withProperty("source", name).withProperty("category", values.get(k)));
            }
            replacements.put(name, specs);
        });
        return Columns.replaceSpecs(in, replacements);
    }

    static String indicatorName(String column, String value) {
        return column + "=" + value;
    }

    @Override
    public Transform fit(Table training, ExecutionContext context) {
        Map<String, List<String>> categories = categories(training.spec());
        categories.forEach((name, values) -> {
            if (values.isEmpty()) {
                throw new InvalidInputException("Column '" + name + "' has no values (every cell is missing), so it "
                        + "has no categories to encode. Remove it from 'Columns', or fill it with a Missing Values node.");
            }
        });
        context.progress(1, "Learned categories of " + categories.size() + " column(s)");
        return new Fitted(this, training.spec(), categories);
    }

    /** The fitted encoder: the categories of each encoded column. */
    static final class Fitted implements Transform, Persistable {
        static final String FORMAT = "quiver.features.one-hot";
        static final int VERSION = 1;

        private final OneHotLearner learner;
        private final Map<String, List<String>> categories;
        private final TransformSpec spec;

        Fitted(OneHotLearner learner, TableSpec fittedOn, Map<String, List<String>> categories) {
            this.learner = learner;
            this.categories = categories;
            boolean drop = learner.settings.dropFirst();
            this.spec = TransformSpec.of(NAME, fittedOn, in -> mapSpec(categories, drop, in));
        }

        @Override
        public TransformSpec spec() {
            return spec;
        }

        @Override
        public TransformLearner learner() {
            return learner;
        }

        Map<String, List<String>> categories() {
            return categories;
        }

        @Override
        public Table apply(Table input, ExecutionContext context) {
            TableSpec outSpec = spec.apply(input.spec());
            int first = learner.settings.dropFirst() ? 1 : 0;
            var replacements = new LinkedHashMap<String, List<Column>>();
            for (var e : categories.entrySet()) {
                context.checkCanceled();
                List<String> values = e.getValue();
                StringColumn c = input.stringColumn(e.getKey());
                int[] map = Categories.codeMap(c, values);
                int n = c.size();
                double[][] indicators = new double[values.size()][n];
                for (int i = 0; i < n; i++) {
                    int code = c.code(i);
                    if (code == StringColumn.MISSING) {
                        continue;
                    }
                    int k = map[code];
                    if (k < 0) {
                        if (learner.settings.unknownCategories() == UnknownCategories.ERROR) {
                            throw Categories.unknown(c, i, c.get(i), values, NAME, "ALL_ZEROS");
                        }
                        continue;
                    }
                    indicators[k][i] = 1;
                }
                var cols = new ArrayList<Column>();
                for (int k = first; k < values.size(); k++) {
                    String name = indicatorName(e.getKey(), values.get(k));
                    cols.add(DoubleColumn.wrap(outSpec.find(name).orElseThrow(), indicators[k]));
                }
                replacements.put(e.getKey(), cols);
            }
            return Columns.replaceInPlace(input, replacements);
        }

        @Override
        public String formatId() {
            return FORMAT;
        }

        /**
         * Layout version 1 after {@link TransformCodec}'s header: the categories, as {@code columnLists}
         * (each encoded column with its categories, in indicator order).
         */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            TransformCodec.write(out, FORMAT, VERSION, spec.input(), learner.settings,
                    data -> TransformCodec.columnLists(data, categories));
        }

        static Fitted read(InputStream in) throws IOException {
            return TransformCodec.read(in, FORMAT, VERSION, "One-Hot Encoder transform", OneHotSettings.defaults(),
                    (data, version, fittedOn, settings) -> new Fitted(new OneHotLearner(settings), fittedOn,
                            TransformCodec.columnLists(data)));
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("categories", new LinkedHashMap<String, Object>(categories),
                    "dropFirst", learner.settings.dropFirst(),
                    "unknownCategories", learner.settings.unknownCategories().name());
        }
    }
}
