package dev.quiver.engine;

import dev.quiver.api.InvalidInputException;
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
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.testkit.SampleNodes;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/** Node types that fail, wait for each other or spin, for engine tests (with {@link SampleNodes}). */
final class TestNodes {
    private TestNodes() {
    }

    static final PortDescriptor TABLE_IN = SampleNodes.TABLE_IN;
    static final PortDescriptor TABLE_OUT = SampleNodes.TABLE_OUT;

    /** No settings, one table in and one table out; subclasses say what execution does. */
    abstract static class TableStep implements NodeFactory<TableStep.NoSettings> {
        record NoSettings() {
        }

        private final String id;
        private final String name;

        TableStep(String id, String name) {
            this.id = id;
            this.name = name;
        }

        abstract Table run(Table input, ExecutionContext ctx);

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor(id, 1, name, "Test", "", List.of(TABLE_IN), List.of(TABLE_OUT));
        }

        @Override
        public Class<NoSettings> settingsType() {
            return NoSettings.class;
        }

        @Override
        public NoSettings defaultSettings() {
            return new NoSettings();
        }

        @Override
        public List<PortSpec> configure(Ports<PortSpec> inputs, NoSettings s, ConfigureContext ctx) {
            return List.of(inputs.get(0, TableSpec.class));
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, NoSettings s, ExecutionContext ctx) {
            return NodeResult.of(run(inputs.get(0, Table.class), ctx));
        }
    }

    /** Always fails with a user-facing message. */
    static final class Fail extends TableStep {
        Fail() {
            super("test.fail", "Fail");
        }

        @Override
        Table run(Table input, ExecutionContext ctx) {
            throw new InvalidInputException("Broken on purpose. Replace this node.");
        }
    }

    /**
     * Waits at a barrier shared by two such nodes: both can pass only if they run at the same time,
     * which proves that independent branches execute in parallel.
     */
    static final class Rendezvous extends TableStep {
        final CyclicBarrier barrier = new CyclicBarrier(2);

        Rendezvous() {
            super("test.rendezvous", "Rendezvous");
        }

        @Override
        Table run(Table input, ExecutionContext ctx) {
            try {
                barrier.await(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("The other branch did not run at the same time", e);
            }
            return input;
        }
    }

    /** Loops, reporting progress and checking cancellation, until cancelled (or a minute passes). */
    static final class Spin extends TableStep {
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

        Spin() {
            super("test.spin", "Spin");
        }

        @Override
        Table run(Table input, ExecutionContext ctx) {
            started.countDown();
            for (int i = 0; i < 12_000; i++) {
                ctx.progress(i / 12_000.0, "step " + i);
                ctx.checkCanceled();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ctx.checkCanceled();
                }
            }
            return input;
        }
    }

    /** A node with a Learner input, to test refused wires. */
    static final class NeedsLearner implements NodeFactory<NeedsLearner.Settings> {
        record Settings() {
        }

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor("test.needs-learner", 1, "Needs learner", "Test", "",
                    List.of(PortDescriptor.required("learner", PortType.LEARNER, "")), List.of(TABLE_OUT));
        }

        @Override
        public Class<Settings> settingsType() {
            return Settings.class;
        }

        @Override
        public Settings defaultSettings() {
            return new Settings();
        }

        @Override
        public List<PortSpec> configure(Ports<PortSpec> inputs, Settings s, ConfigureContext ctx) {
            return List.of(PortSpec.unknown(PortType.TABLE));
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, Settings s, ExecutionContext ctx) {
            throw new UnsupportedOperationException();
        }
    }
}
