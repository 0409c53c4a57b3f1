package dev.quiver.testkit;

import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.settings.Settings;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.TableSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs one node in-process without OSGi or an engine: configure on specs, execute on objects.
 * {@link #execute} also checks the node's promise that configure predicts execute: every table
 * output must have the column names and types that configure announced.
 */
public final class NodeTester<S extends Record> {
    private final NodeFactory<S> factory;

    private NodeTester(NodeFactory<S> factory) {
        this.factory = factory;
    }

    public static <S extends Record> NodeTester<S> of(NodeFactory<S> factory) {
        return new NodeTester<>(factory);
    }

    /** The default settings with some values replaced, validated like the engine does. */
    public S settings(Map<String, ?> overrides) {
        return Settings.with(factory.defaultSettings(), overrides);
    }

    public List<PortSpec> configure(S settings, PortSpec... inputs) {
        Settings.validate(settings);
        List<PortSpec> specs = factory.configure(new Ports<>(factory.descriptor().inputs(), Arrays.asList(inputs)),
                settings, TestContext.create());
        if (specs.size() != factory.descriptor().outputs().size()) {
            throw new AssertionError("configure returned " + specs.size() + " specs for "
                    + factory.descriptor().outputs().size() + " output ports");
        }
        for (PortSpec s : specs) {
            if (s == null) {
                throw new AssertionError("configure returned null; use PortSpec.unknown(type)");
            }
        }
        return specs;
    }

    public NodeResult execute(S settings, PortObject... inputs) {
        return execute(settings, TestContext.create(), inputs);
    }

    public NodeResult execute(S settings, TestContext context, PortObject... inputs) {
        Settings.validate(settings);
        PortSpec[] inSpecs = Arrays.stream(inputs).map(o -> o == null ? null : o.spec()).toArray(PortSpec[]::new);
        List<PortSpec> predicted = factory.configure(new Ports<>(factory.descriptor().inputs(), Arrays.asList(inSpecs)),
                settings, context);
        NodeResult result = factory.execute(new Ports<>(factory.descriptor().inputs(), Arrays.asList(inputs)), settings, context);
        if (result.outputs().size() != factory.descriptor().outputs().size()) {
            throw new AssertionError("execute returned " + result.outputs().size() + " outputs for "
                    + factory.descriptor().outputs().size() + " output ports");
        }
        for (int i = 0; i < predicted.size(); i++) {
            if (predicted.get(i) instanceof TableSpec want && result.outputs().get(i).spec() instanceof TableSpec got) {
                List<String> w = want.columns().stream().map(NodeTester::shape).toList();
                List<String> g = got.columns().stream().map(NodeTester::shape).toList();
                if (!w.equals(g)) {
                    throw new AssertionError("Output " + i + ": configure promised " + w + " but execute produced " + g);
                }
            }
        }
        return result;
    }

    private static String shape(ColumnSpec c) {
        return c.name() + ":" + c.type();
    }
}
