package dev.quiver.nodes.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.port.FitColumns;
import dev.quiver.api.port.Model;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PipelineModel;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Task;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.StringColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import dev.quiver.testkit.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineNodeFactoryTest {
    private final Table iris = Fixtures.iris();

    /** Multiplies petal_length by a factor: a transform whose effect a test can see. */
    record Times(double factor, TableSpec input) implements Transform {
        @Override
        public TransformSpec spec() {
            return TransformSpec.of("times " + factor, input, in -> in);
        }

        @Override
        public Table apply(Table t, ExecutionContext context) {
            double[] v = t.doubleColumn("petal_length").toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] *= factor;
            }
            return t.withColumn(DoubleColumn.wrap(t.column("petal_length").spec(), v));
        }

        @Override
        public TransformLearner learner() {
            throw new UnsupportedOperationException();
        }
    }

    /** Says setosa when petal_length is below 2.5 (after the pipeline's steps), else versicolor. */
    record PetalRule(ModelSpec spec) implements Model {
        @Override
        public Table predict(Table data, ExecutionContext context) {
            var cols = spec.predictionColumns();
            int n = data.rowCount();
            String[] pred = new String[n];
            double[][] p = new double[3][n];
            for (int i = 0; i < n; i++) {
                int c = data.doubleColumn("petal_length").get(i) < 2.5 ? 0 : 1;
                pred[i] = spec.classes().get(c);
                p[c][i] = 1;
            }
            return Table.of(StringColumn.of(cols.get(0), List.of(pred)), DoubleColumn.wrap(cols.get(1), p[0]),
                    DoubleColumn.wrap(cols.get(2), p[1]), DoubleColumn.wrap(cols.get(3), p[2]));
        }
    }

    private final ModelSpec modelSpec = new ModelSpec("Petal rule", Task.CLASSIFICATION,
            List.of(iris.spec().require("petal_length", "x")), iris.spec().require("class", "label"),
            iris.stringColumn("class").domain(), Map.of());

    @Test
    void stepsApplyInOrderBeforeTheModelAndTheLabelIsNotNeeded() {
        var tester = NodeTester.of(new PipelineNodeFactory());
        Transform halve = new Times(0.5, iris.spec());
        PortObject[] inputs = {halve, null, null, null, null, new PetalRule(modelSpec)};
        PipelineModel pipeline = (PipelineModel) tester.execute(tester.settings(Map.of()), inputs).outputs().get(0);
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
                pipeline.spec().features().stream().map(ColumnSpec::name).toList());
        Table raw = iris.drop(List.of("class"));
        Table predicted = pipeline.predict(raw, TestContext.create());
        // Row 60 has petal length 3.5: 1.75 after halving, so the rule says setosa.
        assertEquals(3.5, raw.doubleColumn("petal_length").get(60));
        assertEquals("setosa", predicted.stringColumn("prediction").get(60));
        assertTrue(pipeline.summary().contains("times 0.5 → Petal rule"), pipeline.summary());
    }

    @Test
    void configureComputesThePipelineSpecAndMissingColumnsAreNamed() {
        var tester = NodeTester.of(new PipelineNodeFactory());
        PortSpec[] specs = {null, new Times(2, iris.spec()).spec(), null, null, null, modelSpec};
        ModelSpec spec = (ModelSpec) tester.configure(tester.settings(Map.of()), specs).get(0);
        assertEquals(4, spec.features().size());
        assertEquals(modelSpec.predictionColumns(), spec.predictionColumns());

        PipelineModel pipeline = PipelineModel.of(List.of(new Times(2, iris.spec())), new PetalRule(modelSpec));
        var e = assertThrows(InvalidInputException.class,
                () -> pipeline.predict(iris.select("sepal_length", "petal_length"), TestContext.create()));
        assertTrue(e.getMessage().startsWith("The pipeline needs column(s) sepal_width, petal_width that the input lacks"),
                e.getMessage());
    }

    @Test
    void withoutStepsThePipelineIsTheModel() {
        assertEquals(modelSpec, PipelineModel.specOf(List.of(), modelSpec));
        assertEquals(new FitColumns("class", List.of()).label(), "class");
    }
}
