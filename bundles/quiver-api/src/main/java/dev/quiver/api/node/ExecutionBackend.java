package dev.quiver.api.node;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the heavy, independent work of a node runs: the fits of a search's trials and of a
 * cross-validation's folds, and the scoring of files too large for this process. The local thread
 * pool ({@link LocalBackend}) is the default; a feature may add another (a Spark cluster) by
 * publishing an {@link ExecutionBackendFactory}. Nodes reach the chosen one through
 * {@link ExecutionContext#backend()} and never need to know which it is.
 *
 * <p>The work is described as data — a {@link FitJob} shipped once and small {@link FitUnit}s — not
 * as closures, so a backend can run it in another process. Every backend must give the results
 * that {@link FitJob#run} gives in this process, bit for bit, for the same seeds.
 */
public interface ExecutionBackend extends AutoCloseable {

    /** The id a workflow names in its execution settings ("local", "spark"). */
    String id();

    /**
     * Fits every unit and predicts its test rows. Outcomes come back in unit order; {@code onDone}
     * is called once per unit as it finishes (from any thread, one call at a time), so the node can
     * report progress. A unit whose fit throws is a failed outcome with its message, not an
     * exception; cancellation ({@code context.isCanceled()}) stops scheduling and leaves the rest as
     * cancelled outcomes.
     */
    List<WorkRunner.Outcome<FitResult>> fitAll(FitJob job, List<FitUnit> units, int parallelism,
            ExecutionContext context, Consumer<WorkRunner.Outcome<FitResult>> onDone);

    /**
     * Applies a model or pipeline to a file where it lies, writing the scored rows without pulling
     * them through this process. Empty when this backend cannot; the Batch Score node then streams
     * the file itself.
     */
    default Optional<BatchScoreResult> batchScore(BatchScoreJob job, ExecutionContext context) {
        return Optional.empty();
    }

    /** Releases what the backend holds (a driver process, a session). Idempotent. */
    @Override
    void close();
}
