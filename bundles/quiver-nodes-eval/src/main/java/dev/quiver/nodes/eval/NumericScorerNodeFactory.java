package dev.quiver.nodes.eval;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.ChartSpec.Channel;
import dev.quiver.api.port.ChartSpec.FieldType;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Label;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Compares numeric predictions with the actual values: R², RMSE, MAE and friends, and a predicted-vs-actual plot. */
@Component(service = NodeFactory.class)
public final class NumericScorerNodeFactory implements NodeFactory<NumericScorerNodeFactory.NumericScorerSettings> {

    public static final String ID = "quiver.eval.numeric-scorer";
    /** The scatter plots show at most this many rows, evenly spread over the table. */
    static final int CHART_ROWS = 5000;

    @Description("Which column holds the actual values and which the predictions.")
    public record NumericScorerSettings(
            @Label("Actual column")
            @Description("The column with the true values. Blank = the column named in the prediction column's"
                    + " `label` property (set by Predict), else the column with role LABEL.")
            @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG}, optional = true)
            String actualColumn,
            @Label("Predicted column")
            @Description("The column with the predicted values, `prediction` when it comes from Predict.")
            @ColumnRef(types = {ColumnType.DOUBLE, ColumnType.LONG})
            String predictedColumn) {

        public NumericScorerSettings {
            actualColumn = actualColumn == null ? "" : actualColumn;
            predictedColumn = predictedColumn == null || predictedColumn.isBlank() ? ModelSpec.PREDICTION : predictedColumn;
        }
    }

    static final TableSpec METRICS_SPEC = TableSpec.of(new ColumnSpec("metric", ColumnType.STRING),
            new ColumnSpec("value", ColumnType.DOUBLE));

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Numeric Scorer", "Evaluation",
            "Scores a regression model's predictions ŷ against the actual values y, as scikit-learn's metrics:"
                    + " R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² (1 is perfect, 0 is no better than predicting the mean),"
                    + " RMSE = √mean (y − ŷ)², MSE, MAE = mean |y − ŷ|, median absolute error, max error and explained"
                    + " variance 1 − Var(y − ŷ) / Var(y). Charts: predicted against actual, and residuals against"
                    + " predicted. Rows with a missing actual or predicted value are skipped with a warning.",
            List.of(PortDescriptor.required("table", PortType.TABLE, "Rows with actual and predicted values.")),
            List.of(PortDescriptor.required("metrics", PortType.TABLE, "The metrics: metric, value.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<NumericScorerSettings> settingsType() {
        return NumericScorerSettings.class;
    }

    @Override
    public NumericScorerSettings defaultSettings() {
        return new NumericScorerSettings("", ModelSpec.PREDICTION);
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, NumericScorerSettings settings, ConfigureContext context) {
        if (inputs.get("table", PortSpec.class) instanceof TableSpec table) {
            columns(table, settings);
        }
        return List.of(METRICS_SPEC);
    }

    /** The actual and predicted columns, both numeric and distinct. */
    static ColumnSpec[] columns(TableSpec table, NumericScorerSettings settings) {
        ColumnSpec predicted = table.requireNumeric(settings.predictedColumn(), "Predicted column");
        ColumnSpec actual;
        if (!settings.actualColumn().isBlank()) {
            actual = table.require(settings.actualColumn(), "Actual column");
        } else {
            String label = predicted.properties().get("label");
            actual = label != null && table.contains(label)
                    ? table.require(label, "Actual column")
                    : table.columns().stream().filter(c -> c.role() == ColumnRole.LABEL).findFirst()
                            .orElseThrow(() -> new InvalidInputException("No actual column: the predicted column '"
                                    + predicted.name() + "' names no label column of this table and no column has role"
                                    + " LABEL (available: " + String.join(", ", table.names())
                                    + "). Choose the actual column."));
        }
        if (!actual.isNumeric()) {
            throw new InvalidInputException("Actual column '" + actual.name() + "' is " + actual.type().label()
                    + ", but the Numeric Scorer compares numbers. For classes use the Scorer; otherwise choose a"
                    + " numeric column.");
        }
        if (actual.name().equals(predicted.name())) {
            throw new InvalidInputException("Actual and predicted column are both '" + actual.name()
                    + "'. Choose the column with the true values as the actual column.");
        }
        return new ColumnSpec[] {actual, predicted};
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, NumericScorerSettings settings, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        ColumnSpec[] cols = columns(table.spec(), settings);
        Column actualColumn = table.column(cols[0].name());
        Column predictedColumn = table.column(cols[1].name());
        int total = table.rowCount();
        double[] y = new double[total];
        double[] p = new double[total];
        int n = 0;
        for (int i = 0; i < total; i++) {
            double a = actualColumn.getDouble(i);
            double b = predictedColumn.getDouble(i);
            if (!Double.isNaN(a) && !Double.isNaN(b)) {
                y[n] = a;
                p[n++] = b;
            }
        }
        if (n == 0) {
            throw new InvalidInputException("No row has both an actual ('" + cols[0].name() + "') and a predicted ('"
                    + cols[1].name() + "') value, so there is nothing to score. Check the two columns.");
        }
        if (n < total) {
            context.warn("Skipped " + (total - n) + " of " + total + " rows whose actual or predicted value is missing.");
        }
        y = Arrays.copyOf(y, n);
        p = Arrays.copyOf(p, n);
        context.checkCanceled();

        double meanY = mean(y);
        double[] residual = new double[n];
        double[] absolute = new double[n];
        double se = 0;
        double tot = 0;
        double maxError = 0;
        for (int i = 0; i < n; i++) {
            residual[i] = y[i] - p[i];
            absolute[i] = Math.abs(residual[i]);
            se += residual[i] * residual[i];
            tot += (y[i] - meanY) * (y[i] - meanY);
            maxError = Math.max(maxError, absolute[i]);
        }
        double mse = se / n;
        double meanResidual = mean(residual);
        double residualVariance = 0;
        for (double r : residual) {
            residualVariance += (r - meanResidual) * (r - meanResidual) / n;
        }
        double varianceY = tot / n;
        var names = new ArrayList<String>();
        var values = new ArrayList<Double>();
        // scikit-learn returns 1 for a perfect fit of a constant target and 0 for an imperfect one; so do these.
        add(names, values, "R²", tot == 0 ? (se == 0 ? 1 : 0) : 1 - se / tot);
        add(names, values, "RMSE", Math.sqrt(mse));
        add(names, values, "MSE", mse);
        add(names, values, "MAE", mean(absolute));
        add(names, values, "median absolute error", median(absolute));
        add(names, values, "max error", maxError);
        add(names, values, "explained variance", varianceY == 0 ? (residualVariance == 0 ? 1 : 0)
                : 1 - residualVariance / varianceY);
        add(names, values, "rows scored", n);
        Table metrics = Table.of(StringColumn.of(METRICS_SPEC.column(0), names),
                DoubleColumn.wrap(METRICS_SPEC.column(1), values.stream().mapToDouble(Double::doubleValue).toArray()));

        Table chart = chartData(y, p, residual);
        var result = NodeResult.of(metrics)
                .withChart(ChartSpec.of("predicted-vs-actual", "Predicted against actual", chart, ChartSpec.Mark.POINT,
                        Channel.x("actual", FieldType.QUANTITATIVE), Channel.y("predicted", FieldType.QUANTITATIVE)))
                .withChart(ChartSpec.of("residuals", "Residuals (actual − predicted) against predicted", chart,
                        ChartSpec.Mark.POINT, Channel.x("predicted", FieldType.QUANTITATIVE),
                        Channel.y("residual", FieldType.QUANTITATIVE)));
        context.progress(1, "Scored " + n + " rows");
        return result;
    }

    private static Table chartData(double[] y, double[] p, double[] residual) {
        int n = y.length;
        int m = Math.min(n, CHART_ROWS);
        double[] a = new double[m];
        double[] b = new double[m];
        double[] r = new double[m];
        for (int j = 0; j < m; j++) {
            int i = (int) ((long) j * n / m);
            a[j] = y[i];
            b[j] = p[i];
            r[j] = residual[i];
        }
        return Table.of(DoubleColumn.of("actual", a), DoubleColumn.of("predicted", b), DoubleColumn.of("residual", r));
    }

    private static void add(List<String> names, List<Double> values, String name, double value) {
        names.add(name);
        values.add(value);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
