package dev.quiver.spark;

import dev.quiver.api.node.ExecutionContext;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node's code sees on an executor: cancellation is Spark's task interruption (a cancelled job
 * group interrupts its tasks); progress stays with the driver, which counts finished tasks; there is
 * no workflow-seeded random source (learners and transforms take their seeds from their settings,
 * which is why their results match the local backend's).
 */
final class TaskContextAdapter implements ExecutionContext {
    private static final Logger LOG = LoggerFactory.getLogger("dev.quiver.spark.task");
    private final TaskContext task;
    private final String name;

    TaskContextAdapter(TaskContext task, String name) {
        this.task = task;
        this.name = name;
    }

    @Override
    public String nodeId() {
        return name;
    }

    @Override
    public Path resolvePath(String path) {
        return Path.of(path);
    }

    @Override
    public void progress(double fraction, String message) {
        // Per-task progress would cost a message per epoch across the cluster; the driver reports tasks done.
    }

    @Override
    public ExecutionContext subProgress(double from, double to) {
        return this;
    }

    @Override
    public boolean isCanceled() {
        return task != null && task.isInterrupted();
    }

    @Override
    public void warn(String message) {
        LOG.warn("{}: {}", name, message);
    }

    @Override
    public Logger logger() {
        return LOG;
    }

    @Override
    public RandomGenerator random() {
        throw new UnsupportedOperationException("A Spark executor has no workflow-seeded random source: " + name
                + " must take its seed from its settings to give the same results as the local backend.");
    }
}
