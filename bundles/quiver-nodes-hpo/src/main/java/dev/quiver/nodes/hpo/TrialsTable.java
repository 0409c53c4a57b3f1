package dev.quiver.nodes.hpo;

import dev.quiver.api.port.ChartSpec;
import dev.quiver.api.port.ChartSpec.Channel;
import dev.quiver.api.port.ChartSpec.FieldType;
import dev.quiver.api.port.ChartSpec.Layer;
import dev.quiver.api.port.ChartSpec.Mark;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.LongColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.Plan;
import dev.quiver.nodes.hpo.HyperparameterSearchNodeFactory.Trial;
import dev.quiver.nodes.hpo.ParameterRange.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The trials as a table, in trial order, and the charts drawn from it. */
final class TrialsTable {
    static final String BEST_SO_FAR = "best so far";

    private TrialsTable() {
    }

    static Table of(TableSpec spec, Plan plan, List<Trial> unsorted) {
        List<Trial> trials = unsorted.stream().sorted(Comparator.comparingInt(Trial::number)).toList();
        int n = trials.size();
        var cols = new ArrayList<Column>();
        int c = 0;
        long[] numbers = new long[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = trials.get(i).number();
        }
        cols.add(LongColumn.wrap(spec.column(c++), numbers, null));
        for (SearchSpace.Parameter p : plan.space().parameters()) {
            ColumnSpec cs = spec.column(c++);
            if (p.kind() == Kind.CHOICE) {
                cols.add(StringColumn.of(cs, trials.stream().map(t -> String.valueOf(t.values().get(p.name()))).toList()));
            } else if (p.kind().integer()) {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = ((Number) trials.get(i).values().get(p.name())).longValue();
                }
                cols.add(LongColumn.wrap(cs, v, null));
            } else {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = ((Number) trials.get(i).values().get(p.name())).doubleValue();
                }
                cols.add(DoubleColumn.wrap(cs, v));
            }
        }
        if (spec.contains(HyperparameterSearchNodeFactory.BUDGET)) {
            cols.add(DoubleColumn.wrap(spec.column(c++), trials.stream().mapToDouble(Trial::budget).toArray()));
        }
        cols.add(DoubleColumn.wrap(spec.column(c++), trials.stream().mapToDouble(Trial::mean).toArray()));
        cols.add(DoubleColumn.wrap(spec.column(c++), trials.stream().mapToDouble(Trial::std).toArray()));
        cols.add(DoubleColumn.wrap(spec.column(c++), trials.stream().mapToDouble(Trial::seconds).toArray()));
        cols.add(StringColumn.of(spec.column(c++), trials.stream().map(Trial::status).toList()));
        cols.add(StringColumn.of(spec.column(c), trials.stream().map(Trial::message).toList()));
        return Table.of(cols);
    }

    /**
     * The score of every finished trial against its number with the best so far as a line, and, with
     * two or more numeric parameters, the score over the first two of them (a search's "surface").
     */
    static List<ChartSpec> charts(Table trials, Plan plan, Metric metric) {
        var charts = new ArrayList<ChartSpec>();
        String score = metric.label();
        var ok = new ArrayList<Integer>();
        StringColumn status = trials.stringColumn(HyperparameterSearchNodeFactory.STATUS);
        for (int i = 0; i < trials.rowCount(); i++) {
            if ("ok".equals(status.get(i))) {
                ok.add(i);
            }
        }
        Table finished = trials.rows(ok.stream().mapToInt(Integer::intValue).toArray());
        DoubleColumn values = finished.doubleColumn(score);
        double[] best = new double[finished.rowCount()];
        for (int i = 0; i < best.length; i++) {
            double v = values.get(i);
            best[i] = i == 0 ? v : metric.maximise() ? Math.max(best[i - 1], v) : Math.min(best[i - 1], v);
        }
        Table progress = finished.select(HyperparameterSearchNodeFactory.TRIAL, score)
                .withColumn(DoubleColumn.wrap(new ColumnSpec(BEST_SO_FAR, ColumnType.DOUBLE), best));
        Channel x = Channel.x(HyperparameterSearchNodeFactory.TRIAL, FieldType.QUANTITATIVE);
        charts.add(new ChartSpec("score-by-trial", score + " by trial", progress, List.of(
                new Layer(Mark.POINT, List.of(x, Channel.y(score, FieldType.QUANTITATIVE))),
                new Layer(Mark.LINE, List.of(x, Channel.y(BEST_SO_FAR, FieldType.QUANTITATIVE))))));
        List<SearchSpace.Parameter> numeric = plan.space().parameters().stream().filter(p -> p.kind().numeric())
                .toList();
        if (numeric.size() >= 2) {
            String a = numeric.get(0).name();
            String b = numeric.get(1).name();
            charts.add(ChartSpec.of("surface", score + " over " + a + " and " + b
                    + (numeric.get(0).kind().log() || numeric.get(1).kind().log() ? " (log-scaled settings)" : ""),
                    finished.select(a, b, score), Mark.POINT, Channel.x(a, FieldType.QUANTITATIVE),
                    Channel.y(b, FieldType.QUANTITATIVE), Channel.color(score, FieldType.QUANTITATIVE)));
        }
        return charts;
    }

}
