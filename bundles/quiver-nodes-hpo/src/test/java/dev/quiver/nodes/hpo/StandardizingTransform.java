package dev.quiver.nodes.hpo;

import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** z-scores every double column with the training rows' mean and std; remembers each fit's row count. */
public final class StandardizingTransform implements Transform {
    static final class Learner implements TransformLearner {
        final List<Integer> fittedRowCounts = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "Standardize";
        }

        @Override
        public TransformSpec configure(TableSpec training) {
            return TransformSpec.of(name(), training, UnaryOperator.identity());
        }

        @Override
        public Transform fit(Table training, ExecutionContext context) {
            fittedRowCounts.add(training.rowCount());
            var mean = new ArrayList<Double>();
            var sd = new ArrayList<Double>();
            for (Column c : training.columns()) {
                double m = 0;
                double s = 0;
                if (c instanceof DoubleColumn d) {
                    for (int i = 0; i < d.size(); i++) {
                        m += d.get(i) / d.size();
                    }
                    for (int i = 0; i < d.size(); i++) {
                        s += (d.get(i) - m) * (d.get(i) - m) / d.size();
                    }
                }
                mean.add(m);
                sd.add(s > 0 ? Math.sqrt(s) : 1);
            }
            return new StandardizingTransform(this, training.spec(), mean, sd);
        }
    }

    private final Learner learner;
    private final TableSpec fitted;
    private final List<Double> mean;
    private final List<Double> sd;

    private StandardizingTransform(Learner learner, TableSpec fitted, List<Double> mean, List<Double> sd) {
        this.learner = learner;
        this.fitted = fitted;
        this.mean = mean;
        this.sd = sd;
    }

    @Override
    public TransformSpec spec() {
        return learner.configure(fitted);
    }

    @Override
    public Table apply(Table input, ExecutionContext context) {
        var out = new ArrayList<Column>();
        for (Column c : input.columns()) {
            int j = fitted.indexOf(c.name());
            if (c instanceof DoubleColumn d && j >= 0) {
                double[] v = d.toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (v[i] - mean.get(j)) / sd.get(j);
                }
                out.add(DoubleColumn.wrap(d.spec(), v));
            } else {
                out.add(c);
            }
        }
        return Table.of(out);
    }

    @Override
    public TransformLearner learner() {
        return learner;
    }

    /** Fitted on {@code table}: what a preprocessing node upstream would output. */
    public static StandardizingTransform fittedOn(Table table) {
        return (StandardizingTransform) new Learner().fit(table, dev.quiver.testkit.TestContext.create());
    }

    Learner stepLearner() {
        return learner;
    }
}
