package dev.quiver.testkit;

import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.settings.ColumnRef;
import dev.quiver.api.settings.Description;
import dev.quiver.api.settings.Range;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.DoubleColumn;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two tiny node types with observable behaviour (they count their executions), for testing the
 * engine, the command line and the server without real algorithms.
 */
public final class SampleNodes {
    private SampleNodes() {
    }

    public static final PortDescriptor TABLE_IN = PortDescriptor.required("table", PortType.TABLE, "");
    public static final PortDescriptor TABLE_OUT = PortDescriptor.required("table", PortType.TABLE, "");

    /** Emits a table with one double column {@code x} = 0, 1, …, rows-1. */
    public static final class Source implements NodeFactory<Source.Settings> {
        public record Settings(@Description("Number of rows") @Range(min = 1, max = 1000) int rows, String column) {
        }

        public final AtomicInteger executions = new AtomicInteger();

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor("test.source", 1, "Source", "Test", "", List.of(), List.of(TABLE_OUT));
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public Settings defaultSettings() {
            return new Settings(5, "x");
        }

        @Override
        public List<PortSpec> configure(Ports<PortSpec> inputs, Settings s, ConfigureContext ctx) {
            return List.of(TableSpec.of(new ColumnSpec(s.column(), ColumnType.DOUBLE)));
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, Settings s, ExecutionContext ctx) {
            executions.incrementAndGet();
            double[] v = new double[s.rows()];
            for (int i = 0; i < v.length; i++) {
                v[i] = i;
            }
            return NodeResult.of(Table.of(DoubleColumn.wrap(new ColumnSpec(s.column(), ColumnType.DOUBLE), v)));
        }
    }

    /** Adds a constant to a named column. */
    public static final class Add implements NodeFactory<Add.Settings> {
        public record Settings(@ColumnRef(types = ColumnType.DOUBLE) String column, double amount) {
        }

        public final AtomicInteger executions = new AtomicInteger();

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor("test.add", 1, "Add", "Test", "", List.of(TABLE_IN), List.of(TABLE_OUT));
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public Settings defaultSettings() {
            return new Settings("x", 1);
        }

        @Override
        public List<PortSpec> configure(Ports<PortSpec> inputs, Settings s, ConfigureContext ctx) {
            TableSpec in = inputs.get(0, TableSpec.class);
            in.requireNumeric(s.column(), "Column");
            return List.of(in);
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, Settings s, ExecutionContext ctx) {
            executions.incrementAndGet();
            Table t = inputs.get(0, Table.class);
            DoubleColumn c = t.doubleColumn(s.column());
            double[] v = c.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += s.amount();
            }
            return NodeResult.of(t.withColumn(DoubleColumn.wrap(c.spec(), v)));
        }
    }

}
