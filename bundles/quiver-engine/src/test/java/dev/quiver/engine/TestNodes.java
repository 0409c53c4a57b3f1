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

    /** Always fails with a user-facing message. */
    static final class Fail implements NodeFactory<Fail.Settings> {
        record Settings() {
        }

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor("test.fail", 1, "Fail", "Test", "", List.of(TABLE_IN), List.of(TABLE_OUT));
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
            return List.of(inputs.get(0, TableSpec.class));
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, Settings s, ExecutionContext ctx) {
            throw new InvalidInputException("Broken on purpose. Replace this node.");
        }
    }

    /**
     * Waits at a barrier shared by two such nodes: both can pass only if they run at the same time,
     * which proves that independent branches execute in parallel.
     */
    static final class Rendezvous implements NodeFactory<Rendezvous.Settings> {
        record Settings() {
        }

        final CyclicBarrier barrier = new CyclicBarrier(2);

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor("test.rendezvous", 1, "Rendezvous", "Test", "", List.of(TABLE_IN),
                    List.of(TABLE_OUT));
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
            return List.of(inputs.get(0, TableSpec.class));
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, Settings s, ExecutionContext ctx) {
            try {
                barrier.await(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("The other branch did not run at the same time", e);
            }
            return NodeResult.of(inputs.get(0, Table.class));
        }
    }

    /** Loops, reporting progress and checking cancellation, until cancelled (or a minute passes). */
    static final class Spin implements NodeFactory<Spin.Settings> {
        record Settings() {
        }

        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

        @Override
        public NodeDescriptor descriptor() {
            return new NodeDescriptor("test.spin", 1, "Spin", "Test", "", List.of(TABLE_IN), List.of(TABLE_OUT));
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
            return List.of(inputs.get(0, TableSpec.class));
        }

        @Override
        public NodeResult execute(Ports<PortObject> inputs, Settings s, ExecutionContext ctx) {
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
            return NodeResult.of(inputs.get(0, Table.class));
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
