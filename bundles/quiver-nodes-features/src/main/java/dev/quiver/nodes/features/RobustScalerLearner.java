package dev.quiver.nodes.features;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Learns per-column median and quantile range; y = (x − median) / (Q_hi − Q_lo). */
final class RobustScalerLearner implements TransformLearner {
    private final RobustScalerSettings settings;

    RobustScalerLearner(RobustScalerSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "Robust Scaler";
    }

    private List<ColumnSpec> columns(TableSpec spec) {
        List<ColumnSpec> cols = Columns.resolve(spec, settings.columns(),
                c -> c.isNumeric() && c.role() == ColumnRole.FEATURE, ColumnSpec::isNumeric, "numeric", "Columns");
        if (cols.isEmpty()) {
            throw new InvalidInputException("There is no numeric feature column to scale (columns: "
                    + TableSpec.names(spec.columns()) + "). Choose columns in 'Columns', or convert columns to numbers first.");
        }
        return cols;
    }

    @Override
    public TransformSpec configure(TableSpec training) {
        List<String> names = columns(training).stream().map(ColumnSpec::name).toList();
        return TransformSpec.of(name(), training, in -> mapSpec(names, in));
    }

    static TableSpec mapSpec(List<String> names, TableSpec in) {
        Columns.requirePresent(in, names, "Robust Scaler");
        Columns.requireNumeric(in, names, "the Robust Scaler");
        return in.withColumns(names.stream().map(n -> in.find(n).orElseThrow().withType(ColumnType.DOUBLE)).toList());
    }

    @Override
    public Transform fit(Table training, ExecutionContext context) {
        List<String> names = columns(training.spec()).stream().map(ColumnSpec::name).toList();
        int k = names.size();
        double[] center = new double[k];
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) {
            context.checkCanceled();
            Column c = training.column(names.get(j));
            double[] sorted = Numbers.sortedValues(c);
            if (sorted.length == 0) {
                throw new InvalidInputException("Column '" + c.name() + "' has no values (all " + c.size()
                        + " cells are missing), so it cannot be scaled. Remove it from 'Columns', or fill it "
                        + "with a Missing Values node first.");
            }
            center[j] = settings.withCentering() ? Numbers.percentile(sorted, 50) : 0;
            scale[j] = 1;
            if (settings.withScaling()) {
                double range = Numbers.percentile(sorted, settings.quantileMax())
                        - Numbers.percentile(sorted, settings.quantileMin());
                if (range == 0) {
                    // As scikit-learn: a zero range would divide by zero, so the column is only centred.
                    context.warn("Column '" + c.name() + "' has a zero quantile range (the " + settings.quantileMin()
                            + "th and " + settings.quantileMax() + "th percentiles are both "
                            + Numbers.percentile(sorted, settings.quantileMin()) + "): its scale is set to 1.");
                } else {
                    scale[j] = range;
                }
            }
            context.progress((j + 1.0) / k, "Fitted " + c.name());
        }
        return new Fitted(this, training.spec(), names, center, scale);
    }

    /** The fitted scaler. */
    static final class Fitted implements Transform, Persistable {
        static final String FORMAT = "quiver.features.robust-scaler";
        static final int VERSION = 1;

        private final RobustScalerLearner learner;
        private final List<String> columns;
        private final double[] center;
        private final double[] scale;
        private final TransformSpec spec;

        Fitted(RobustScalerLearner learner, TableSpec fittedOn, List<String> columns, double[] center, double[] scale) {
            this.learner = learner;
            this.columns = List.copyOf(columns);
            this.center = center;
            this.scale = scale;
            this.spec = TransformSpec.of(learner.name(), fittedOn, in -> mapSpec(this.columns, in));
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
            var out = new ArrayList<Column>();
            for (int j = 0; j < columns.size(); j++) {
                context.checkCanceled();
                Column c = input.column(columns.get(j));
                double[] v = new double[c.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (c.getDouble(i) - center[j]) / scale[j];
                }
                out.add(DoubleColumn.wrap(outSpec.find(c.name()).orElseThrow(), v));
            }
            return input.withColumns(out);
        }

        /** The medians (0 without centring). */
        double[] center() {
            return center.clone();
        }

        /** The quantile ranges (1 without scaling, or where the range is zero). */
        double[] scale() {
            return scale.clone();
        }

        @Override
        public String formatId() {
            return FORMAT;
        }

        /**
         * Layout version 1 after {@link TransformCodec}'s header: strings columns, doubles center (the
         * medians), doubles scale (the quantile ranges).
         */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            TransformCodec.write(out, FORMAT, VERSION, spec.input(), learner.settings, data -> {
                TransformCodec.strings(data, columns);
                TransformCodec.doubles(data, center);
                TransformCodec.doubles(data, scale);
            });
        }

        static Fitted read(InputStream in) throws IOException {
            return TransformCodec.read(in, FORMAT, VERSION, "Robust Scaler transform", RobustScalerSettings.defaults(),
                    (data, version, fittedOn, settings) -> {
                        List<String> columns = TransformCodec.strings(data);
                        double[] center = TransformCodec.doubles(data);
                        double[] scale = TransformCodec.doubles(data);
                        TransformCodec.sameLength(columns, center, scale);
                        return new Fitted(new RobustScalerLearner(settings), fittedOn, columns, center, scale);
                    });
        }

        @Override
        public Map<String, Object> details() {
            var perColumn = new LinkedHashMap<String, Object>();
            for (int j = 0; j < columns.size(); j++) {
                perColumn.put(columns.get(j), Map.of("center", center[j], "scale", scale[j]));
            }
            return Map.of("columns", perColumn);
        }
    }
}
