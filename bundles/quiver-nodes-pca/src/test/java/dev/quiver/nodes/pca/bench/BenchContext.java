package dev.quiver.nodes.pca.bench;

import dev.quiver.api.node.ExecutionContext;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A silent execution context with a chosen thread count, for timing. */
public final class BenchContext implements ExecutionContext {
    private final int threads;

    public BenchContext(int threads) {
        this.threads = threads;
    }

    @Override
    public String nodeId() {
        return "bench";
    }

    @Override
    public Path resolvePath(String path) {
        return Path.of(path);
    }

    @Override
    public void progress(double fraction, String message) {
    }

    @Override
    public ExecutionContext subProgress(double from, double to) {
        return this;
    }

    @Override
    public boolean isCanceled() {
        return false;
    }

    @Override
    public void warn(String message) {
        System.out.println("  warning: " + message);
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("quiver.bench");
    }

    @Override
    public RandomGenerator random() {
        return new SplittableRandom(42);
    }

    @Override
    public int parallelism() {
        return threads;
    }
}
