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
import dev.quiver.nodes.features.PowerTransformSettings.Method;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Learns λ per column (Box-Cox, Yeo-Johnson) and the standardisation, as scikit-learn's PowerTransformer. */
final class PowerTransformLearner implements TransformLearner {
    private static final double SPACING_1 = Math.ulp(1.0);
    private final PowerTransformSettings settings;

    PowerTransformLearner(PowerTransformSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "Power Transform (" + label(settings.method()) + ")";
    }

    static String label(Method m) {
        return switch (m) {
            case LOG -> "log";
            case LOG1P -> "log1p";
            case BOX_COX -> "Box-Cox";
            case YEO_JOHNSON -> "Yeo-Johnson";
        };
    }

    private List<String> columns(TableSpec spec) {
        List<ColumnSpec> cols = Columns.resolve(spec, settings.columns(),
                c -> c.isNumeric() && c.role() == ColumnRole.FEATURE, ColumnSpec::isNumeric, "numeric", "Columns");
        if (cols.isEmpty()) {
            throw new InvalidInputException("There is no numeric feature column to transform (columns: "
                    + TableSpec.names(spec.columns()) + "). Choose columns in 'Columns', or convert columns to numbers first.");
        }
        return cols.stream().map(ColumnSpec::name).toList();
    }

    @Override
    public TransformSpec configure(TableSpec training) {
        List<String> names = columns(training);
        return TransformSpec.of(name(), training, in -> mapSpec(names, in, name()));
    }

    static TableSpec mapSpec(List<String> names, TableSpec in, String transformName) {
        Columns.requirePresent(in, names, transformName);
        Columns.requireNumeric(in, names, "the " + transformName);
        return in.withColumns(names.stream().map(n -> in.find(n).orElseThrow().withType(ColumnType.DOUBLE)).toList());
    }

    /** Fails on the first value the method cannot take, naming it and the alternatives. */
    static void checkDomain(Method method, Column c) {
        if (method == Method.YEO_JOHNSON) {
            return;
        }
        double limit = method == Method.LOG1P ? -1 : 0;
        for (int i = 0; i < c.size(); i++) {
            double x = c.getDouble(i);
            if (x <= limit) {
                String need = method == Method.LOG1P ? "values above −1" : "positive values";
                throw new InvalidInputException("Column '" + c.name() + "' has the value " + x + " in row " + (i + 1)
                        + ", but " + label(method) + " needs " + need + ". Use YEO_JOHNSON, which accepts any number"
                        + (method == Method.LOG1P ? "" : ", or LOG1P for values above −1")
                        + ", or add an offset with a Formula node first (for example x + " + offsetHint(c, limit) + ").");
            }
        }
    }

    private static String offsetHint(Column c, double limit) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < c.size(); i++) {
            double x = c.getDouble(i);
            if (x < min) {
                min = x;
            }
        }
        return Numbers.label(Math.ceil(limit - min + 1), 6);
    }

    /** Box-Cox: (x^λ − 1) / λ, ln x at λ = 0. */
    static double boxCox(double x, double lambda) {
        return lambda == 0 ? Math.log(x) : (Math.pow(x, lambda) - 1) / lambda;
    }

    /** Yeo-Johnson, with scikit-learn's switch to the logarithmic forms within one ulp of λ = 0 and λ = 2. */
    static double yeoJohnson(double x, double lambda) {
        if (x >= 0) {
            return Math.abs(lambda) < SPACING_1 ? Math.log1p(x) : (Math.pow(x + 1, lambda) - 1) / lambda;
        }
        return Math.abs(lambda - 2) > SPACING_1 ? -(Math.pow(-x + 1, 2 - lambda) - 1) / (2 - lambda) : -Math.log1p(-x);
    }

    private static double variance(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return ss / v.length;
    }

    /** Negative Box-Cox log-likelihood, as scipy.stats.boxcox_llf: (λ − 1) Σ ln x − n/2 · ln var(x^λ / λ). */
    static double boxCoxNegLogLikelihood(double[] x, double lambda) {
        double sumLog = 0;
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double lx = Math.log(x[i]);
            sumLog += lx;
            t[i] = lambda == 0 ? lx : Math.pow(x[i], lambda) / lambda;
        }
        return -((lambda - 1) * sumLog - x.length / 2.0 * Math.log(variance(t)));
    }

    /** Negative Yeo-Johnson log-likelihood, as scikit-learn: n/2 · ln var(ψ(x, λ)) − (λ − 1) Σ sign(x) ln(1 + |x|). */
    static double yeoJohnsonNegLogLikelihood(double[] x, double lambda) {
        double[] t = new double[x.length];
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            t[i] = yeoJohnson(x[i], lambda);
            s += Math.signum(x[i]) * Math.log1p(Math.abs(x[i]));
        }
        double var = variance(t);
        if (var < Double.MIN_NORMAL) {
            return Double.POSITIVE_INFINITY;
        }
        return -(-x.length / 2.0 * Math.log(var) + (lambda - 1) * s);
    }

    double apply(double x, double lambda) {
        return switch (settings.method()) {
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case BOX_COX -> boxCox(x, lambda);
            case YEO_JOHNSON -> yeoJohnson(x, lambda);
        };
    }

    @Override
    public Transform fit(Table training, ExecutionContext context) {
        List<String> names = columns(training.spec());
        int k = names.size();
        double[] lambdas = new double[k];
        double[] mean = new double[k];
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) {
            context.checkCanceled();
            Column c = training.column(names.get(j));
            checkDomain(settings.method(), c);
            double[] x = Numbers.values(c);
            if (x.length == 0) {
                throw new InvalidInputException("Column '" + c.name() + "' has no values (all " + c.size()
                        + " cells are missing), so it cannot be transformed. Remove it from 'Columns', or fill it "
                        + "with a Missing Values node first.");
            }
            boolean constant = java.util.Arrays.stream(x).allMatch(v -> v == x[0]);
            lambdas[j] = Double.NaN;
            if (settings.method() == Method.BOX_COX || settings.method() == Method.YEO_JOHNSON) {
                if (constant) {
                    // The likelihood has no maximum for constant data; λ = 1 leaves the shape alone.
                    context.warn("Column '" + c.name() + "' is constant (every value is " + x[0]
                            + "): λ cannot be estimated and is set to 1.");
                    lambdas[j] = 1;
                } else {
                    lambdas[j] = settings.method() == Method.BOX_COX
                            ? Brent.minimize(l -> boxCoxNegLogLikelihood(x, l), -2, 2)
                            : Brent.minimize(l -> yeoJohnsonNegLogLikelihood(x, l), -2, 2);
                }
            }
            mean[j] = 0;
            scale[j] = 1;
            if (settings.standardize()) {
                double[] t = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    t[i] = apply(x[i], lambdas[j]);
                }
                double m = 0;
                for (double v : t) {
                    m += v;
                }
                m /= t.length;
                double sd = Math.sqrt(variance(t));
                mean[j] = m;
                // As StandardScaler: a zero standard deviation keeps scale 1 instead of dividing by zero.
                scale[j] = sd == 0 ? 1 : sd;
            }
            context.progress((j + 1.0) / k, "Fitted " + c.name());
        }
        return new Fitted(this, training.spec(), names, lambdas, mean, scale);
    }

    /** The fitted transform: λ per column, then (x' − mean) / scale. */
    static final class Fitted implements Transform, Persistable {
        static final String FORMAT = "quiver.features.power-transform";
        static final int VERSION = 1;

        private final PowerTransformLearner learner;
        private final List<String> columns;
        private final double[] lambdas;
        private final double[] mean;
        private final double[] scale;
        private final TransformSpec spec;

        Fitted(PowerTransformLearner learner, TableSpec fittedOn, List<String> columns, double[] lambdas, double[] mean,
                double[] scale) {
            this.learner = learner;
            this.columns = List.copyOf(columns);
            this.lambdas = lambdas;
            this.mean = mean;
            this.scale = scale;
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

        /** λ per column; NaN for LOG and LOG1P, which have none. */
        double[] lambdas() {
            return lambdas.clone();
        }

        double[] mean() {
            return mean.clone();
        }

        double[] scale() {
            return scale.clone();
        }

        @Override
        public Table apply(Table input, ExecutionContext context) {
            TableSpec outSpec = spec.apply(input.spec());
            var out = new ArrayList<Column>();
            for (int j = 0; j < columns.size(); j++) {
                context.checkCanceled();
                Column c = input.column(columns.get(j));
                checkDomain(learner.settings.method(), c);
                double[] v = new double[c.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (learner.apply(c.getDouble(i), lambdas[j]) - mean[j]) / scale[j];
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
         * Layout version 1 after {@link TransformCodec}'s header: strings columns, doubles lambdas (NaN for
         * LOG and LOG1P), doubles mean, doubles scale.
         */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            TransformCodec.write(out, FORMAT, VERSION, spec.input(), learner.settings, data -> {
                TransformCodec.strings(data, columns);
                TransformCodec.doubles(data, lambdas);
                TransformCodec.doubles(data, mean);
                TransformCodec.doubles(data, scale);
            });
        }

        static Fitted read(InputStream in) throws IOException {
            return TransformCodec.read(in, FORMAT, VERSION, "Power Transform", PowerTransformSettings.defaults(),
                    (data, version, fittedOn, settings) -> {
                        List<String> columns = TransformCodec.strings(data);
                        double[] lambdas = TransformCodec.doubles(data);
                        double[] mean = TransformCodec.doubles(data);
                        double[] scale = TransformCodec.doubles(data);
                        TransformCodec.sameLength(columns, lambdas, mean, scale);
                        return new Fitted(new PowerTransformLearner(settings), fittedOn, columns, lambdas, mean, scale);
                    });
        }

        @Override
        public Map<String, Object> details() {
            var perColumn = new LinkedHashMap<String, Object>();
            for (int j = 0; j < columns.size(); j++) {
                var m = new LinkedHashMap<String, Object>();
                if (!Double.isNaN(lambdas[j])) {
                    m.put("lambda", lambdas[j]);
                }
                m.put("mean", mean[j]);
                m.put("scale", scale[j]);
                perColumn.put(columns.get(j), m);
            }
            return Map.of("method", learner.settings.method().name(), "columns", perColumn);
        }
    }
}
