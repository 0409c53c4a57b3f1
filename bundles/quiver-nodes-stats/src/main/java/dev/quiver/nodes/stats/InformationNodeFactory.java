package dev.quiver.nodes.stats;

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
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnRole;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.stats.InformationSettings.Measure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** Entropy, mutual information and KL divergence of empirical (plug-in) distributions. */
@Component(service = NodeFactory.class)
public final class InformationNodeFactory implements NodeFactory<InformationSettings> {

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor("quiver.stats.information", 1,
            "Information Theory", "Statistics",
            """
            Plug-in estimates from the observed frequencies: entropy H(X) = −Σ p(x) log p(x); conditional \
            entropy H(Y | X) = −Σ p(x, y) log p(y | x); mutual information I(X; Y) = H(Y) − H(Y | X), the \
            expected reduction in uncertainty about Y from knowing X (0 for independent columns; as \
            `sklearn.metrics.mutual_info_score`), ranked from most to least informative; and the \
            Kullback–Leibler divergence D(P ‖ Q) = Σ p log(p / q), infinite when Q gives zero probability to a \
            value P has. Nominal columns are used as they are; numeric columns are cut into equal-width bins, \
            so the numbers depend on the bin count. Rows with a missing cell in a used column are skipped.""",
            List.of(Support.TABLE_IN),
            List.of(Support.tableOut("information", "One row per column with the chosen measure.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<InformationSettings> settingsType() {
        return InformationSettings.class;
    }

    @Override
    public InformationSettings defaultSettings() {
        return InformationSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, InformationSettings s, ConfigureContext context) {
        TableSpec in = inputs.get("table", TableSpec.class);
        target(in, s);
        columns(in, s);
        return List.of(outputSpec(s.measure()));
    }

    static TableSpec outputSpec(Measure m) {
        return switch (m) {
            case ENTROPY -> TableSpec.of(Support.str("column"), Support.dbl("entropy"), Support.lng("values"));
            case MUTUAL_INFORMATION -> TableSpec.of(Support.lng("rank"), Support.str("column"),
                    Support.dbl("mutual_information"), Support.dbl("entropy"), Support.dbl("conditional_entropy"));
            case KL_DIVERGENCE -> TableSpec.of(Support.str("column"), Support.str("reference"),
                    Support.dbl("kl_divergence"));
        };
    }

    private static String target(TableSpec in, InformationSettings s) {
        if (s.measure() == Measure.ENTROPY) {
            return "";
        }
        ColumnSpec t = Groups.groupColumn(in, s.target(), "Target column");
        if (s.measure() == Measure.KL_DIVERGENCE) {
            for (String c : s.columns()) {
                ColumnSpec p = in.require(c, "Column");
                if (p.isNominal() != t.isNominal()) {
                    throw new InvalidInputException("KL divergence compares distributions on the same values, but '"
                            + c + "' is " + p.type().label() + " and the reference '" + t.name() + "' is "
                            + t.type().label() + ". Choose columns of the same kind.");
                }
            }
        }
        return t.name();
    }

    private static List<String> columns(TableSpec in, InformationSettings s) {
        String target = target(in, s);
        if (!s.columns().isEmpty()) {
            for (String c : s.columns()) {
                in.require(c, "Column");
                if (c.equals(target)) {
                    throw new InvalidInputException("Column '" + c + "' is also the target column. Remove it from "
                            + "'Columns', or choose another target.");
                }
            }
            return s.columns();
        }
        ColumnSpec t = target.isEmpty() ? null : in.require(target, "Target column");
        var out = new ArrayList<String>();
        for (ColumnSpec c : in.columns()) {
            boolean sameKind = s.measure() != Measure.KL_DIVERGENCE || c.isNominal() == t.isNominal();
            if (!c.name().equals(target) && c.role() != ColumnRole.ID && sameKind) {
                out.add(c.name());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("No columns to measure besides the target '" + target + "' (available: "
                    + TableSpec.names(in.columns()) + "). Add columns or choose them in 'Columns'.");
        }
        return out;
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, InformationSettings s, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        String target = target(table.spec(), s);
        List<String> names = columns(table.spec(), s);
        double unit = s.unit() == InformationSettings.Unit.BITS ? Math.log(2) : 1.0;
        Table out = switch (s.measure()) {
            case ENTROPY -> entropies(table, names, s.bins(), unit, context);
            case MUTUAL_INFORMATION -> mutualInformation(table, names, target, s.bins(), unit, context);
            case KL_DIVERGENCE -> divergences(table, names, target, s.bins(), unit, context);
        };
        var result = NodeResult.of(out);
        if (s.measure() == Measure.MUTUAL_INFORMATION) {
            result = result.withChart(ChartSpec.of("ranking", "Mutual information with " + target
                    + " (" + s.unit().name().toLowerCase() + ")", out, ChartSpec.Mark.BAR,
                    Channel.x("mutual_information", FieldType.QUANTITATIVE),
                    new Channel("y", "column", FieldType.NOMINAL, "column")));
        }
        return result;
    }

    /** A column as category codes 0 … k − 1, -1 where missing; numeric columns binned over [lo, hi]. */
    record Coded(int[] codes, List<String> labels) {
    }

    static Coded code(Column c, int bins, double lo, double hi) {
        int[] codes = new int[c.size()];
        if (c instanceof StringColumn s) {
            for (int i = 0; i < codes.length; i++) {
                codes[i] = s.code(i);
            }
            return new Coded(codes, s.domain());
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] edges = Histogram.edges(lo, hi, bins);
        var labels = new ArrayList<String>();
        for (int b = 0; b < bins; b++) {
            labels.add("[" + Support.fmt(edges[b]) + ", " + Support.fmt(edges[b + 1]) + (b == bins - 1 ? "]" : ")"));
        }
        for (int i = 0; i < codes.length; i++) {
            double v = c.getDouble(i);
            codes[i] = Double.isNaN(v) ? -1 : Histogram.bin(v, edges);
        }
        return new Coded(codes, labels);
    }

    static Coded code(Column c, int bins) {
        double[] v = Support.present(c);
        double lo = Arrays.stream(v).min().orElse(0);
        double hi = Arrays.stream(v).max().orElse(1);
        return code(c, bins, lo, hi);
    }

    /** Shannon entropy of counts, in nats. */
    static double entropy(long[] counts) {
        long n = Arrays.stream(counts).sum();
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    private static Table entropies(Table table, List<String> names, int bins, double unit, ExecutionContext context) {
        double[] h = new double[names.size()];
        long[] distinct = new long[names.size()];
        for (int j = 0; j < names.size(); j++) {
            context.checkCanceled();
            Coded c = code(table.column(names.get(j)), bins);
            long[] counts = new long[c.labels().size()];
            int missing = 0;
            for (int code : c.codes()) {
                if (code < 0) {
                    missing++;
                } else {
                    counts[code]++;
                }
            }
            if (missing == c.codes().length) {
                throw new InvalidInputException("Column '" + names.get(j) + "' has no values; its entropy is undefined. "
                        + "Remove it from 'Columns'.");
            }
            warnMissing(names.get(j), missing, context);
            h[j] = entropy(counts) / unit;
            distinct[j] = Arrays.stream(counts).filter(x -> x > 0).count();
        }
        return Table.of(Support.str("column", names), Support.dbl("entropy", h), Support.lng("values", distinct));
    }

    private static void warnMissing(String column, int missing, ExecutionContext context) {
        if (missing > 0) {
            context.warn("Column '" + column + "': " + missing + " row" + (missing == 1 ? "" : "s")
                    + " with a missing cell skipped.");
        }
    }

    private static Table mutualInformation(Table table, List<String> names, String target, int bins, double unit,
            ExecutionContext context) {
        Coded y = code(table.column(target), bins);
        int ky = y.labels().size();
        record Row(String name, double mi, double hx, double hyx) {
        }
        var rows = new ArrayList<Row>();
        for (int j = 0; j < names.size(); j++) {
            context.checkCanceled();
            Coded x = code(table.column(names.get(j)), bins);
            int kx = x.labels().size();
            long[][] joint = new long[kx][ky];
            int missing = 0;
            for (int i = 0; i < table.rowCount(); i++) {
                int a = x.codes()[i];
                int b = y.codes()[i];
                if (a < 0 || b < 0) {
                    missing++;
                } else {
                    joint[a][b]++;
                }
            }
            if (missing == table.rowCount()) {
                throw new InvalidInputException("Column '" + names.get(j) + "' and target '" + target
                        + "' have no row where both are present. Remove the column or fill missing values.");
            }
            warnMissing(names.get(j), missing, context);
            long[] px = new long[kx];
            long[] py = new long[ky];
            long[] flat = new long[kx * ky];
            for (int a = 0; a < kx; a++) {
                for (int b = 0; b < ky; b++) {
                    px[a] += joint[a][b];
                    py[b] += joint[a][b];
                    flat[a * ky + b] = joint[a][b];
                }
            }
            double hx = entropy(px);
            double hy = entropy(py);
            double hxy = entropy(flat);
            // I(X;Y) = H(X) + H(Y) − H(X,Y), clipped at 0 against rounding, as scikit-learn does
            double mi = Math.max(0.0, hx + hy - hxy);
            rows.add(new Row(names.get(j), mi / unit, hx / unit, Math.max(0.0, hxy - hx) / unit));
            context.progress((j + 1.0) / names.size(), "Mutual information of " + names.get(j));
        }
        rows.sort(Comparator.comparingDouble(Row::mi).reversed());
        long[] rank = new long[rows.size()];
        for (int i = 0; i < rank.length; i++) {
            rank[i] = i + 1;
        }
        return Table.of(Support.lng("rank", rank), Support.str("column", rows.stream().map(Row::name).toList()),
                Support.dbl("mutual_information", rows.stream().mapToDouble(Row::mi).toArray()),
                Support.dbl("entropy", rows.stream().mapToDouble(Row::hx).toArray()),
                Support.dbl("conditional_entropy", rows.stream().mapToDouble(Row::hyx).toArray()));
    }

    private static Table divergences(Table table, List<String> names, String target, int bins, double unit,
            ExecutionContext context) {
        Column q = table.column(target);
        double[] kl = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            context.checkCanceled();
            Column p = table.column(names.get(j));
            Map<String, long[]> counts = new LinkedHashMap<>();
            if (p instanceof StringColumn sp && q instanceof StringColumn sq) {
                tally(sp, counts, 0);
                tally(sq, counts, 1);
            } else {
                double[] both = concat(Support.present(p), Support.present(q));
                double lo = Arrays.stream(both).min().orElse(0);
                double hi = Arrays.stream(both).max().orElse(1);
                Coded cp = code(p, bins, lo, hi);
                Coded cq = code(q, bins, lo, hi);
                for (String label : cp.labels()) {
                    counts.put("in bin " + label, new long[2]);
                }
                for (int code : cp.codes()) {
                    if (code >= 0) {
                        counts.get("in bin " + cp.labels().get(code))[0]++;
                    }
                }
                for (int code : cq.codes()) {
                    if (code >= 0) {
                        counts.get("in bin " + cq.labels().get(code))[1]++;
                    }
                }
            }
            long np = counts.values().stream().mapToLong(c -> c[0]).sum();
            long nq = counts.values().stream().mapToLong(c -> c[1]).sum();
            if (np == 0 || nq == 0) {
                throw new InvalidInputException("Column '" + (np == 0 ? names.get(j) : target)
                        + "' has no values, so its distribution is undefined. Choose a column with values.");
            }
            double d = 0;
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                long cp = e.getValue()[0];
                long cq = e.getValue()[1];
                if (cp > 0 && cq == 0) {
                    throw new InvalidInputException("KL(" + names.get(j) + " ‖ " + target + ") is infinite: '"
                            + names.get(j) + "' has " + cp + " row" + (cp == 1 ? "" : "s") + " " + e.getKey()
                            + " where the reference '" + target + "' has none (Q = 0 where P > 0). Use fewer bins, "
                            + "swap the columns, or choose a reference that covers every value.");
                }
                if (cp > 0) {
                    double pp = (double) cp / np;
                    d += pp * Math.log(pp / ((double) cq / nq));
                }
            }
            kl[j] = d / unit;
        }
        return Table.of(Support.str("column", names), Support.str("reference", names.stream().map(n -> target).toList()),
                Support.dbl("kl_divergence", kl));
    }

    private static void tally(StringColumn c, Map<String, long[]> counts, int slot) {
        for (int i = 0; i < c.size(); i++) {
            String v = c.get(i);
            if (v != null) {
                counts.computeIfAbsent("with value '" + v + "'", k -> new long[2])[slot]++;
            }
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
