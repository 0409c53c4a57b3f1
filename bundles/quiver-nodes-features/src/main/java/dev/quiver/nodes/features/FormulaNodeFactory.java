package dev.quiver.nodes.features;

import dev.quiver.api.port.TransformCodec;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.Persistable;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.Transform;
import dev.quiver.api.port.TransformLearner;
import dev.quiver.api.port.TransformSpec;
import dev.quiver.api.table.Column;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** Computes a new numeric column from an arithmetic expression over the columns of each row. */
@Component(service = NodeFactory.class)
public final class FormulaNodeFactory implements NodeFactory<FormulaSettings> {
    public static final String ID = "quiver.features.formula";

    private static final NodeDescriptor DESCRIPTOR = FitApply.descriptor(ID, "Formula",
            """
            Computes a column from an arithmetic expression over the numeric columns of the same row, for \
            example `petal_length * petal_width` or `if(x > 0, log(x), 0)`. Columns are written by name, or in \
            backticks when the name has spaces or symbols (`` `petal length` ``). Operators follow the usual \
            precedence: ^ (power, right to left, so −2^2 = −4) before * / % before + − before comparisons \
            before && and ||. Comparisons give 1 (true) or 0 (false); % is the remainder with the sign of the \
            divisor. Functions: abs, sqrt, log (natural), log10, exp, pow, min, max, round (halves away from \
            zero; round(x, 2) to two decimals), floor, ceil, sin, cos, if(condition, then, else) and \
            ismissing(x).

            A missing cell makes the result missing (ismissing tests for it; `if` evaluates only the branch \
            it takes). Results that are not finite numbers — division by zero, log of 0, sqrt of a negative \
            number — become missing cells, with a warning saying how many. Boolean columns count as 1 and 0; \
            nominal columns are refused. The expression is checked when the node is configured, with the \
            position of any mistake.""",
            "The table with the computed column.",
            "The formula as a transform, to compute the same column on other tables (nothing is learned).");

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<FormulaSettings> settingsType() {
        return FormulaSettings.class;
    }

    @Override
    public FormulaSettings defaultSettings() {
        return FormulaSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, FormulaSettings settings, ConfigureContext context) {
        return FitApply.configure(inputs, new Step(settings));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, FormulaSettings settings, ExecutionContext context) {
        return FitApply.execute(inputs, new Step(settings), context);
    }

    /** The formula is its own learner and transform: fitting only checks it against the table. */
    static final class Step implements TransformLearner, Transform, Persistable {
        static final String FORMAT = "quiver.features.formula";
        static final int VERSION = 1;

        private final FormulaSettings settings;
        private final TransformSpec spec;

        Step(FormulaSettings settings) {
            this(settings, null);
        }

        private Step(FormulaSettings settings, TableSpec fittedOn) {
            this.settings = settings;
            this.spec = fittedOn == null ? null : configure(fittedOn);
        }

        @Override
        public String name() {
            return "Formula " + settings.outputColumn() + " = " + settings.expression();
        }

        TableSpec mapSpec(TableSpec in) {
            Formula.parse(settings.expression(), in);
            ColumnSpec out = in.find(settings.outputColumn()).map(c -> c.withType(ColumnType.DOUBLE))
                    .orElse(new ColumnSpec(settings.outputColumn(), ColumnType.DOUBLE));
            return in.withColumns(List.of(out));
        }

        @Override
        public TransformSpec configure(TableSpec training) {
            mapSpec(training);
            return TransformSpec.of(name(), training, this::mapSpec);
        }

        @Override
        public Transform fit(Table training, ExecutionContext context) {
            return new Step(settings, training.spec());
        }

        @Override
        public TransformSpec spec() {
            return spec;
        }

        @Override
        public TransformLearner learner() {
            return this;
        }

        @Override
        public Table apply(Table input, ExecutionContext context) {
            TableSpec outSpec = mapSpec(input.spec());
            Formula.Parsed parsed = Formula.parse(settings.expression(), input.spec());
            List<Column> cols = parsed.columns().stream().map(input::column).toList();
            context.checkCanceled();
            double[] v = parsed.evaluate(cols, input.rowCount());
            int nonFinite = 0;
            for (int i = 0; i < v.length; i++) {
                final int row = i;
                // NaN from a missing input is expected; NaN or infinity from the arithmetic itself is worth a warning.
                if (Double.isInfinite(v[i])) {
                    v[i] = Double.NaN;
                    nonFinite++;
                } else if (Double.isNaN(v[i]) && cols.stream().noneMatch(c -> c.isMissing(row))) {
                    nonFinite++;
                }
            }
            if (nonFinite > 0) {
                context.warn(nonFinite + " row(s) gave no finite number (division by zero, log or sqrt outside its "
                        + "domain, overflow…); their '" + settings.outputColumn() + "' cells are missing.");
            }
            return input.withColumn(DoubleColumn.wrap(outSpec.find(settings.outputColumn()).orElseThrow(), v));
        }

        @Override
        public String formatId() {
            return FORMAT;
        }

        /**
         * Layout version 1 is {@link TransformCodec}'s header alone: the settings hold the formula and
         * the fitted-on spec is all that fitting adds.
         */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            if (spec == null) {
                throw new IllegalStateException("The formula " + name() + " is a learner that was never fitted: save "
                        + "the transform that fit returns");
            }
            TransformCodec.write(out, FORMAT, VERSION, spec.input(), settings, data -> { });
        }

        static Step read(InputStream in) throws IOException {
            return TransformCodec.read(in, FORMAT, VERSION, "Formula transform", FormulaSettings.defaults(),
                    (data, version, fittedOn, settings) -> new Step(settings, fittedOn));
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("outputColumn", settings.outputColumn(), "expression", settings.expression());
        }
    }
}
