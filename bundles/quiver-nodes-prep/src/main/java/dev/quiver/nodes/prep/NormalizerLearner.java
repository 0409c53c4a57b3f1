package dev.quiver.nodes.prep;

import dev.quiver.api.port.TransformCodec;
import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.prep.NormalizerSettings.Method;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Learns per-column location and scale (z-score or min-max) and makes a {@link Fitted} transform. */
final class NormalizerLearner implements TransformLearner {
    private final NormalizerSettings settings;

    NormalizerLearner(NormalizerSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return settings.method() == Method.Z_SCORE ? "Normalizer (z-score)"
                : String.format(Locale.ROOT, "Normalizer (min-max to [%s, %s])", settings.rangeMin(), settings.rangeMax());
    }

    private List<ColumnSpec> columns(TableSpec spec) {
        List<ColumnSpec> cols = Columns.resolve(spec, settings.columns(),
                c -> c.isNumeric() && c.role() == ColumnRole.FEATURE, ColumnSpec::isNumeric, "numeric", "Columns");
        if (cols.isEmpty()) {
            throw new InvalidInputException("There is no numeric feature column to normalize (columns: "
                    + TableSpec.names(spec.columns()) + "). Choose columns in 'Columns', or convert columns to numbers first.");
        }
        return cols;
    }

    @Override
    public TransformSpec configure(TableSpec training) {
        List<String> names = columns(training).stream().map(ColumnSpec::name).toList();
        return TransformSpec.of(name(), training, in -> mapSpec(names, in, name()));
    }

    static TableSpec mapSpec(List<String> names, TableSpec in, String transformName) {
        Columns.requirePresent(in, names, transformName);
        var out = new ArrayList<ColumnSpec>();
        for (String n : names) {
            ColumnSpec c = in.find(n).orElseThrow();
            if (!c.isNumeric()) {
                throw new InvalidInputException("Column '" + n + "' is a " + c.type().label() + " column here, but "
                        + transformName + " was fitted on a numeric column. Convert it back to numbers first.");
            }
            out.add(c.withType(ColumnType.DOUBLE));
        }
        return in.withColumns(out);
    }

    @Override
    public Transform fit(Table training, ExecutionContext context) {
        List<ColumnSpec> cols = columns(training.spec());
        int k = cols.size();
        double[] center = new double[k];
        double[] divisor = new double[k];
        for (int j = 0; j < k; j++) {
            context.checkCanceled();
            Column c = training.column(cols.get(j).name());
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            int n = 0;
            for (int i = 0; i < c.size(); i++) {
                double v = c.getDouble(i);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (n == 0) {
                throw new InvalidInputException("Column '" + c.name() + "' has no values (all " + c.size()
                        + " cells are missing), so it cannot be normalized. Remove it from 'Columns', or fill it "
                        + "with a Missing Values node first.");
            }
            boolean constant = min == max;
            if (settings.method() == Method.Z_SCORE) {
                double mean = sum / n;
                double ss = 0;
                for (int i = 0; i < c.size(); i++) {
                    double v = c.getDouble(i);
                    if (!Double.isNaN(v)) {
                        ss += (v - mean) * (v - mean);
                    }
                }
                center[j] = mean;
                // A constant column keeps scale 1, as scikit-learn does, instead of dividing by zero.
                divisor[j] = constant ? 1 : Math.sqrt(ss / n);
                if (constant) {
                    context.warn("Column '" + c.name() + "' is constant (every value is " + min
                            + "): its scale is set to 1, so it becomes 0 everywhere.");
                }
            } else {
                center[j] = min;
                divisor[j] = constant ? 1 : max - min;
                if (constant) {
                    context.warn("Column '" + c.name() + "' is constant (every value is " + min
                            + "): its range is taken as 1, so it maps to " + settings.rangeMin() + ".");
                }
            }
            context.progress((j + 1.0) / k, "Fitted " + c.name());
        }
        return new Fitted(this, training.spec(), cols.stream().map(ColumnSpec::name).toList(), center, divisor);
    }

    /** The fitted normalizer: y = (x − center) / divisor, then for min-max scaled onto the target range. */
    static final class Fitted implements Transform, Persistable {
        static final String FORMAT = "quiver.prep.normalizer";
        static final int VERSION = 1;

        private final NormalizerLearner learner;
        private final TableSpec fittedOn;
        private final List<String> columns;
        private final double[] center;
        private final double[] divisor;
        private final TransformSpec spec;

        Fitted(NormalizerLearner learner, TableSpec fittedOn, List<String> columns, double[] center, double[] divisor) {
            this.learner = learner;
            this.fittedOn = fittedOn;
            this.columns = List.copyOf(columns);
            this.center = center;
            this.divisor = divisor;
            String name = learner.name();
            this.spec = TransformSpec.of(name, fittedOn, in -> mapSpec(this.columns, in, name));
        }

        @Override
        public TransformSpec spec() {
            return spec;
        }

        @Override
        public TransformLearner learner() {
            return learner;
        }

        @Override
        public Table apply(Table input, ExecutionContext context) {
            TableSpec outSpec = spec.apply(input.spec());
            boolean minMax = learner.settings.method() == Method.MIN_MAX;
            double lo = learner.settings.rangeMin();
            double width = learner.settings.rangeMax() - lo;
            var out = new ArrayList<Column>();
            for (int j = 0; j < columns.size(); j++) {
                context.checkCanceled();
                Column c = input.column(columns.get(j));
                double[] v = new double[c.size()];
                for (int i = 0; i < v.length; i++) {
                    double z = (c.getDouble(i) - center[j]) / divisor[j];
                    v[i] = minMax ? z * width + lo : z;
                }
                out.add(DoubleColumn.wrap(outSpec.find(c.name()).orElseThrow(), v));
            }
            return input.withColumns(out);
        }

        /** Mean and standard deviation (z-score) or minimum and range (min-max) per column. */
        public double[] center() {
            return center.clone();
        }

        public double[] divisor() {
            return divisor.clone();
        }

        public List<String> columns() {
            return columns;
        }

        @Override
        public String formatId() {
            return FORMAT;
        }

        /** Layout version 1 after {@link TransformCodec}'s header: strings columns, doubles center, doubles divisor. */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            TransformCodec.write(out, FORMAT, VERSION, fittedOn, learner.settings, data -> {
                TransformCodec.strings(data, columns);
                TransformCodec.doubles(data, center);
                TransformCodec.doubles(data, divisor);
            });
        }

        static Fitted read(InputStream in) throws IOException {
            return TransformCodec.read(in, FORMAT, VERSION, "Normalizer transform", NormalizerSettings.defaults(),
                    (data, version, fittedOn, settings) -> {
                        List<String> columns = TransformCodec.strings(data);
                        double[] center = TransformCodec.doubles(data);
                        double[] divisor = TransformCodec.doubles(data);
                        TransformCodec.sameLength(columns, center, divisor);
                        return new Fitted(new NormalizerLearner(settings), fittedOn, columns, center, divisor);
                    });
        }

        @Override
        public Map<String, Object> details() {
            boolean z = learner.settings.method() == Method.Z_SCORE;
            var perColumn = new LinkedHashMap<String, Object>();
            for (int j = 0; j < columns.size(); j++) {
                perColumn.put(columns.get(j), z ? Map.of("mean", center[j], "std", divisor[j])
                        : Map.of("min", center[j], "range", divisor[j]));
            }
            return Map.of("method", learner.settings.method().name(), "columns", perColumn,
                    "fittedOnColumns", fittedOn.names());
        }
    }
}
