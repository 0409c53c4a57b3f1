package dev.quiver.nodes.dl4j;

import dev.quiver.api.port.Learner;
import dev.quiver.api.port.ModelSpec;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.settings.Settings;
import dev.quiver.testkit.Fixtures;
import dev.quiver.testkit.NodeTester;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * What {@code quiver nodes}, the editor and a configure pass do with the DL4J nodes, without ever
 * fitting: run by {@link LazyNd4jTest} in a class loader that records every class it loads.
 */
public final class LazinessProbe implements Runnable {
    @Override
    public void run() {
        var factory = new NeuralNetworkNodeFactory();
        factory.descriptor();
        walk(factory.settingsType());
        var tester = NodeTester.of(factory);
        NeuralNetworkSettings settings = tester.settings(Map.of("optimiser", "RMSPROP"));
        Settings.toMap(settings);
        tester.configure(settings);
        Learner learner = (Learner) tester.execute(settings).outputs().get(0);
        var iris = Fixtures.iris();
        ModelSpec spec = learner.configure(iris.spec(), Data.columns(iris));
        learner.withSettings(Map.of("epochs", 3)).spec();
        var historyFactory = new TrainingHistoryNodeFactory();
        historyFactory.descriptor();
        var history = NodeTester.of(historyFactory);
        history.configure(history.settings(Map.of()), (PortSpec) spec);
        walk(historyFactory.settingsType());
        List.of(factory.defaultSettings(), historyFactory.defaultSettings()).forEach(Settings::validate);
    }

    /** Reads every component and annotation, as the JSON Schema generator does. */
    private static void walk(Class<?> type) {
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                c.getAnnotations();
                c.getGenericType().getTypeName();
                walk(c.getType());
            }
        }
        if (type.isEnum()) {
            for (var f : type.getFields()) {
                f.getAnnotations();
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            walk(nested);
        }
    }
}
