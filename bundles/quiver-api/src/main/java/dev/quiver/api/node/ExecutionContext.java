package dev.quiver.api.node;

import java.util.random.RandomGenerator;
import org.slf4j.Logger;

/**
 * Services for a running node: progress, cancellation, logging, warnings and a seeded random
 * source. Long work (epochs, folds, trials, chunks of a file) reports progress and calls
 * {@link #checkCanceled()} between steps.
 */
public interface ExecutionContext extends ConfigureContext {

    /** Reports overall progress of this context, {@code fraction} in [0, 1], with a short message. */
    void progress(double fraction, String message);

    /**
     * A child context that maps its own [0, 1] onto [{@code from}, {@code to}] of this one: a
     * cross-validation gives each fold a sub-progress, and the learner reports epochs into it.
     */
    ExecutionContext subProgress(double from, double to);

    /** Whether the user asked to cancel. */
    boolean isCanceled();

    /** Throws {@link dev.quiver.api.CanceledException} once the user has cancelled. */
    default void checkCanceled() {
        if (isCanceled()) {
            throw new dev.quiver.api.CanceledException();
        }
    }

    /** A warning the user should see beside the node ("sub-sampled 10,000 of 200,000 rows"). */
    void warn(String message);

    Logger logger();

    /**
     * A random source seeded from the workflow's seed and this node's id: the same workflow gives
     * the same numbers. Nodes that expose a seed setting use that instead.
     */
    RandomGenerator random();

    /** The number of threads the node may use for its own parallel work (at least 1). */
    default int parallelism() {
        return 1;
    }

    /**
     * Where independent units of work (trials, folds) run: the local pool unless the workflow
     * chose another execution backend.
     */
    default WorkRunner workRunner() {
        return LocalWorkRunner.INSTANCE;
    }

    /**
     * Where fits of trials and folds, and scoring of large files, run: the local pool unless the
     * workflow, the node or {@code quiver run --backend} chose another {@link ExecutionBackend}.
     * Opened by the engine on first use and closed when the run ends; nodes must not close it.
     */
    default ExecutionBackend backend() {
        return LocalBackend.INSTANCE;
    }

    /**
     * Saves a port object to a file that {@link #readPortObject} (in any later run, with the same
     * bundles installed) reads back. Learners are saved as their node type and settings; other
     * objects must be {@link dev.quiver.api.port.Persistable}.
     */
    default void writePortObject(dev.quiver.api.port.PortObject object, java.nio.file.Path file) {
        throw new dev.quiver.api.InvalidInputException("Saving port objects needs the Quiver engine.");
    }

    /** Reads a file written by {@link #writePortObject}; the error names a missing reader's feature. */
    default dev.quiver.api.port.PortObject readPortObject(java.nio.file.Path file) {
        throw new dev.quiver.api.InvalidInputException("Reading saved port objects needs the Quiver engine.");
    }
}
