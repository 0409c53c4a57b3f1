package dev.quiver.api.node;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs independent units of work — search trials, cross-validation folds, chunks of a table —
 * somewhere: on a bounded local thread pool by default ({@link LocalWorkRunner}); an execution
 * backend may run them elsewhere (a cluster). Nodes get one from {@link ExecutionContext#workRunner()}.
 *
 * <p>A unit that throws is recorded as failed with its message and the others go on. Cancellation
 * stops scheduling new units; running units see it through their context. Outcomes come back in
 * the order of the units.
 */
public interface WorkRunner {

    /** One unit of work. It may report warnings and check cancellation through its context. */
    @FunctionalInterface
    interface WorkUnit<T> {
        T run(ExecutionContext context);
    }

    /** What happened to one unit: its value, or why it failed, and how long it took. */
    record Outcome<T>(int index, T value, String failure, boolean canceled, long nanos) {
        public boolean succeeded() {
            return failure == null && !canceled;
        }
    }

    /**
     * Runs every unit, at most {@code parallelism} at once, and returns their outcomes in order.
     * {@code onDone} is called (from any thread, one call at a time) as each unit finishes, so the
     * caller can report progress ("12 of 40 trials, best 0.97").
     */
    <T> List<Outcome<T>> runAll(List<? extends WorkUnit<T>> units, int parallelism, ExecutionContext context,
            Consumer<Outcome<T>> onDone);
}
