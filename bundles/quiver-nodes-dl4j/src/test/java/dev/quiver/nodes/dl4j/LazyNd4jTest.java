package dev.quiver.nodes.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * ND4J initialises lazily: listing the nodes, reading their settings and configuring a workflow
 * (descriptor, settings record, configure, the learner's spec and column checks) load no class of
 * DL4J, ND4J or JavaCPP. Checked in a fresh class loader that records every class it is asked for.
 */
class LazyNd4jTest {

    @Test
    void listingAndConfiguringTheNodesLoadsNoNd4jClass() throws Exception {
        URL[] path = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(LazyNd4jTest::url).toArray(URL[]::new);
        Set<String> loaded = Collections.synchronizedSet(new TreeSet<>());
        try (var loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                loaded.add(name);
                return super.loadClass(name, resolve);
            }
        }) {
            Class<?> probe = loader.loadClass(LazinessProbe.class.getName());
            ((Runnable) probe.getConstructor().newInstance()).run();
        }
        assertTrue(loaded.contains(NeuralNetworkLearner.class.getName()), "the probe ran in the recording loader");
        List<String> heavy = loaded.stream().filter(n -> n.startsWith("org.nd4j.") || n.startsWith("org.deeplearning4j.")
                || n.startsWith("org.bytedeco.") || n.equals(Nd4jRuntime.class.getName())
                || n.equals(Dl4jTrainer.class.getName())).toList();
        assertEquals(List.of(), heavy);
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
