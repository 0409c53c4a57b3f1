package dev.quiver.nodes.dl4j;

import java.util.function.Supplier;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Wakes ND4J on first use and runs DL4J code with this bundle's class loader. Inside OSGi, ND4J
 * finds its backend with a ServiceLoader on its own class loader (or the thread's context class
 * loader, which the engine's threads do not set), so both point at this bundle. The first call pays
 * for loading the natives (about a second); no other path of the bundle reaches this class.
 */
final class Nd4jRuntime {
    private static volatile boolean initialised;
    private static volatile long initMillis = -1;

    private Nd4jRuntime() {
    }

    /** Runs {@code work} with ND4J initialised and the bundle's class loader as context class loader. */
    static <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Nd4jRuntime.class.getClassLoader());
        try {
            ensureInitialised();
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static synchronized void ensureInitialised() {
        if (initialised) {
            return;
        }
        long start = System.nanoTime();
        ND4JClassLoading.setNd4jClassloaderFromClass(Nd4jRuntime.class);
        Nd4j.create(1).addi(1);
        initMillis = (System.nanoTime() - start) / 1_000_000;
        initialised = true;
    }

    /** Whether ND4J has been woken in this class loader. */
    static boolean isInitialised() {
        return initialised;
    }

    /** How long the first initialisation took, or -1 before it. */
    static long initMillis() {
        return initMillis;
    }
}
