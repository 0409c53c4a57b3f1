package dev.quiver.nodes.eval;

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
import java.util.function.UnaryOperator;

/** Subtracts each double column's training mean, and remembers how many rows each fit saw. */
final class CenteringTransform implements Transform {
    static final class Learner implements TransformLearner {
        final List<Integer> fittedRowCounts = new ArrayList<>();
        /** The column means each fit computed (0 for non-double columns). */
        final List<List<Double>> fittedMeans = new ArrayList<>();

        @Override
        public String name() {
            return "Centering";
        }

        @Override
        public TransformSpec configure(TableSpec training) {
            return TransformSpec.of(name(), training, UnaryOperator.identity());
        }

        @Override
        public Transform fit(Table training, ExecutionContext context) {
            fittedRowCounts.add(training.rowCount());
            var means = new ArrayList<Double>();
            for (Column c : training.columns()) {
                double s = 0;
                if (c instanceof DoubleColumn d) {
                    for (int i = 0; i < d.size(); i++) {
                        s += d.get(i) / d.size();
                    }
                }
                means.add(s);
            }
            fittedMeans.add(means);
            return new CenteringTransform(this, training.spec(), means);
        }
    }

    private final Learner learner;
    private final TableSpec fitted;
    private final List<Double> means;

    private CenteringTransform(Learner learner, TableSpec fitted, List<Double> means) {
        this.learner = learner;
        this.fitted = fitted;
        this.means = means;
    }

    @Override
    public TransformSpec spec() {
        return learner.configure(fitted);
    }

    @Override
    public Table apply(Table input, ExecutionContext context) {
        var out = new ArrayList<Column>();
        for (int j = 0; j < input.columnCount(); j++) {
            Column c = input.column(j);
            if (c instanceof DoubleColumn d) {
                double[] v = d.toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] -= means.get(j);
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
}
