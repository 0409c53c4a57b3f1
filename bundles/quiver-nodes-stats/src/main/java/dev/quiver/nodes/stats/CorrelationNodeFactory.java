package dev.quiver.nodes.stats;

import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.ChartSpec.Channel;
import dev.quiver.api.port.ChartSpec.FieldType;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.stat.correlation.Covariance;
import org.hipparchus.stat.correlation.PearsonsCorrelation;
import org.hipparchus.stat.correlation.SpearmansCorrelation;
import org.osgi.service.component.annotations.Component;

/** Pairwise correlation or covariance of numeric columns, as a long table, a square table and a heat map. */
@Component(service = NodeFactory.class)
public final class CorrelationNodeFactory implements NodeFactory<CorrelationSettings> {

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("quiver.stats.correlation", 1,
            "Correlation Matrix", "Statistics",
            """
            Pearson correlation r = cov(x, y) / (s_x·s_y), Spearman's rank correlation (Pearson on average \
            ranks), or the sample covariance (divisor n − 1) of every pair of the chosen columns. As in \
            pandas' `DataFrame.corr()`, each pair uses the rows where both cells are present. A correlation \
            involving a constant column is undefined (0/0): the cell is missing and the node warns, so one \
            flat column does not stop the whole matrix.""",
            List.of(Support.TABLE_IN),
            List.of(Support.tableOut("pairs", "Long form: one row per ordered pair (column_a, column_b, value)."),
                    Support.tableOut("matrix", "Square form: a `column` key column, then one column per input column.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<CorrelationSettings> settingsType() {
        return CorrelationSettings.class;
    }

    @Override
    public CorrelationSettings defaultSettings() {
        return CorrelationSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, CorrelationSettings settings, ConfigureContext context) {
        TableSpec in = inputs.get("table", TableSpec.class);
        List<String> names = Support.numericColumns(in, settings.columns(), "Correlation Matrix");
        return List.of(pairsSpec(), Support.labelledMatrixSpec("column", names));
    }

    private static TableSpec pairsSpec() {
        return TableSpec.of(Support.str("column_a"), Support.str("column_b"), Support.dbl("value"));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, CorrelationSettings settings, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        List<String> names = Support.numericColumns(table.spec(), settings.columns(), "Correlation Matrix");
        int k = names.size();
        double[][] m = new double[k][k];
        var undefined = new ArrayList<String>();
        for (int a = 0; a < k; a++) {
            context.checkCanceled();
            for (int b = a; b < k; b++) {
                double v = pair(table.column(names.get(a)), table.column(names.get(b)), settings.method());
                if (Double.isNaN(v)) {
                    undefined.add(names.get(a) + " × " + names.get(b));
                }
                m[a][b] = v;
                m[b][a] = v;
            }
            context.progress((a + 1.0) / k, "Correlated " + names.get(a));
        }
        if (!undefined.isEmpty()) {
            context.warn("Undefined " + settings.method().name().toLowerCase() + " value (constant column, or fewer "
                    + "than 2 rows where both cells are present) for: " + String.join(", ", undefined)
                    + ". Those cells are missing; remove constant columns to avoid this.");
        }
        var a = new ArrayList<String>();
        var b = new ArrayList<String>();
        double[] values = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                a.add(names.get(i));
                b.add(names.get(j));
                values[i * k + j] = m[i][j];
            }
        }
        Table pairs = Table.of(Support.str("column_a", a), Support.str("column_b", b), Support.dbl("value", values));
        Table square = Support.labelledMatrix("column", names, names, m);
        String title = switch (settings.method()) {
            case PEARSON -> "Pearson correlation";
            case SPEARMAN -> "Spearman rank correlation";
            case COVARIANCE -> "Covariance";
        };
        var heat = new ChartSpec("heatmap", title, pairs, List.of(
                new ChartSpec.Layer(ChartSpec.Mark.RECT, List.of(Channel.x("column_a", FieldType.NOMINAL),
                        Channel.y("column_b", FieldType.NOMINAL), Channel.color("value", FieldType.QUANTITATIVE))),
                new ChartSpec.Layer(ChartSpec.Mark.TEXT, List.of(Channel.x("column_a", FieldType.NOMINAL),
                        Channel.y("column_b", FieldType.NOMINAL),
                        new Channel("text", "value", FieldType.QUANTITATIVE, "value")))));
        return NodeResult.of(pairs, square).withChart(heat);
    }

    /** The statistic over the rows where both cells are present; NaN where it is undefined. */
    static double pair(Column x, Column y, CorrelationSettings.Method method) {
        double[] xs = new double[x.size()];
        double[] ys = new double[x.size()];
        int n = 0;
        for (int i = 0; i < x.size(); i++) {
            double u = x.getDouble(i);
            double v = y.getDouble(i);
            if (!Double.isNaN(u) && !Double.isNaN(v)) {
                xs[n] = u;
                ys[n] = v;
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        xs = Arrays.copyOf(xs, n);
        ys = Arrays.copyOf(ys, n);
        if (method == CorrelationSettings.Method.COVARIANCE) {
            return new Covariance().covariance(xs, ys, true);
        }
        if (constant(xs) || constant(ys)) {
            return Double.NaN;
        }
        return method == CorrelationSettings.Method.PEARSON
                ? new PearsonsCorrelation().correlation(xs, ys)
                : new SpearmansCorrelation().correlation(xs, ys);
    }

    private static boolean constant(double[] v) {
        for (double d : v) {
            if (d != v[0]) {
                return false;
            }
        }
        return true;
    }
}
