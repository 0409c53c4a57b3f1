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
import dev.quiver.nodes.features.OrdinalSettings.UnknownCategories;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Learns each column's categories and replaces every value by its index among them (0, 1, 2, …). */
final class OrdinalLearner implements TransformLearner {
    static final String NAME = "Ordinal Encoder";
    private final OrdinalSettings settings;

    OrdinalLearner(OrdinalSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TransformSpec configure(TableSpec training) {
        List<String> names = Categories.columns(training, settings.columns(), NAME).stream().map(ColumnSpec::name).toList();
        return TransformSpec.of(NAME, training, in -> mapSpec(names, in));
    }

    static TableSpec mapSpec(List<String> names, TableSpec in) {
        Categories.requireNominal(in, names, NAME);
        // The codes keep the column's name and role; the categories travel as a property for people to read.
        return in.withColumns(names.stream().map(n -> {
            ColumnSpec c = in.find(n).orElseThrow();
            return c.withType(ColumnType.DOUBLE);
        }).toList());
    }

    @Override
    public Transform fit(Table training, ExecutionContext context) {
        var categories = new LinkedHashMap<String, List<String>>();
        for (ColumnSpec c : Categories.columns(training.spec(), settings.columns(), NAME)) {
            if (c.domain().isEmpty()) {
                throw new InvalidInputException("Column '" + c.name() + "' has no values (every cell is missing), so it "
                        + "has no categories to encode. Remove it from 'Columns', or fill it with a Missing Values node.");
            }
            categories.put(c.name(), c.domain());
        }
        context.progress(1, "Learned categories of " + categories.size() + " column(s)");
        return new Fitted(this, training.spec(), categories);
    }

    /** The fitted encoder: the categories of each encoded column, in code order. */
    static final class Fitted implements Transform, Persistable {
        static final String FORMAT = "quiver.features.ordinal";
        static final int VERSION = 1;

        private final OrdinalLearner learner;
        private final Map<String, List<String>> categories;
        private final TransformSpec spec;

        Fitted(OrdinalLearner learner, TableSpec fittedOn, Map<String, List<String>> categories) {
            this.learner = learner;
            this.categories = categories;
            List<String> names = List.copyOf(categories.keySet());
            this.spec = TransformSpec.of(NAME, fittedOn, in -> mapSpec(names, in));
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
            var out = new ArrayList<Column>();
            for (var e : categories.entrySet()) {
                context.checkCanceled();
                StringColumn c = input.stringColumn(e.getKey());
                int[] map = Categories.codeMap(c, e.getValue());
                double[] v = new double[c.size()];
                for (int i = 0; i < v.length; i++) {
                    int code = c.code(i);
                    int k = code == StringColumn.MISSING ? -1 : map[code];
                    if (code != StringColumn.MISSING && k < 0
                            && learner.settings.unknownCategories() == UnknownCategories.ERROR) {
                        throw Categories.unknown(c, i, c.get(i), e.getValue(), NAME, "MISSING");
                    }
                    v[i] = k < 0 ? Double.NaN : k;
                }
                out.add(DoubleColumn.wrap(outSpec.find(c.name()).orElseThrow(), v));
            }
            return input.withColumns(out);
        }

        @Override
        public String formatId() {
            return FORMAT;
        }

        /**
         * Layout version 1 after {@link TransformCodec}'s header: the categories, as {@code columnLists}
         * (each encoded column with its categories, in code order).
         */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            TransformCodec.write(out, FORMAT, VERSION, spec.input(), learner.settings,
                    data -> TransformCodec.columnLists(data, categories));
        }

        static Fitted read(InputStream in) throws IOException {
            return TransformCodec.read(in, FORMAT, VERSION, "Ordinal Encoder transform", OrdinalSettings.defaults(),
                    (data, version, fittedOn, settings) -> new Fitted(new OrdinalLearner(settings), fittedOn,
                            TransformCodec.columnLists(data)));
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("categories", new LinkedHashMap<String, Object>(categories),
                    "unknownCategories", learner.settings.unknownCategories().name());
        }
    }
}
