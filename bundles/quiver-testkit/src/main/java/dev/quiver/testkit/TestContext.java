package dev.quiver.testkit;

import dev.quiver.api.node.ExecutionContext;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ExecutionContext} for tests: records progress and warnings, resolves paths against a
 * base folder, and can cancel itself after a number of progress reports to test cancellation.
 */
public final class TestContext implements ExecutionContext {
    /** One progress report, as the node saw its own [0, 1] range mapped onto the root. */
    public record ProgressEvent(double fraction, String message) {
    }

    private final String nodeId;
    private final Path baseDir;
    private final long seed;
    private final List<ProgressEvent> progress;
    private final List<String> warnings;
    private final AtomicBoolean canceled;
    private final AtomicInteger cancelAfter;
    private final double from;
    private final double to;

    private TestContext(String nodeId, Path baseDir, long seed, List<ProgressEvent> progress, List<String> warnings,
            AtomicBoolean canceled, AtomicInteger cancelAfter, double from, double to) {
        this.nodeId = nodeId;
        this.baseDir = baseDir;
        this.seed = seed;
        this.progress = progress;
        this.warnings = warnings;
        this.canceled = canceled;
        this.cancelAfter = cancelAfter;
        this.from = from;
        this.to = to;
    }

    public static TestContext create() {
        return create(Path.of("."));
    }

    public static TestContext create(Path baseDir) {
        return new TestContext("test-node", baseDir, 42L, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                new AtomicBoolean(), new AtomicInteger(-1), 0, 1);
    }

    /** Cancels the run once the node has reported progress {@code reports} times. */
    public TestContext cancelAfterProgressReports(int reports) {
        cancelAfter.set(reports);
        return this;
    }

    public void cancel() {
        canceled.set(true);
    }

    public List<ProgressEvent> progressEvents() {
        return List.copyOf(progress);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Path resolvePath(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }

    @Override
    public void progress(double fraction, String message) {
        if (fraction < -1e-9 || fraction > 1 + 1e-9) {
            throw new AssertionError("Progress fraction out of [0, 1]: " + fraction);
        }
        progress.add(new ProgressEvent(from + (to - from) * fraction, message));
        if (cancelAfter.get() >= 0 && progress.size() >= cancelAfter.get()) {
            canceled.set(true);
        }
    }

    @Override
    public ExecutionContext subProgress(double subFrom, double subTo) {
        double span = to - from;
        return new TestContext(nodeId, baseDir, seed, progress, warnings, canceled, cancelAfter,
                from + span * subFrom, from + span * subTo);
    }

    @Override
    public boolean isCanceled() {
        return canceled.get();
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("quiver.test." + nodeId);
    }

    @Override
    public RandomGenerator random() {
        return new SplittableRandom(seed);
    }

    @Override
    public int parallelism() {
        return 2;
    }
}
