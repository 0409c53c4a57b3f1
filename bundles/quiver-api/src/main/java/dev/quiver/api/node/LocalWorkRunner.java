package dev.quiver.api.node;

import dev.quiver.api.CanceledException;
import dev.quiver.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** The default {@link WorkRunner}: a fixed pool of daemon threads in this process. */
public final class LocalWorkRunner implements WorkRunner {
    public static final LocalWorkRunner INSTANCE = new LocalWorkRunner();

    private LocalWorkRunner() {
    }

    @Override
    public <T> List<Outcome<T>> runAll(List<? extends WorkUnit<T>> units, int parallelism, ExecutionContext context,
            Consumer<Outcome<T>> onDone) {
        int threads = Math.max(1, Math.min(parallelism, units.size()));
        List<Outcome<T>> outcomes = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            outcomes.add(null);
        }
        if (units.isEmpty()) {
            return outcomes;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "quiver-work-" + context.nodeId());
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<Outcome<T>> done = new ExecutorCompletionService<>(pool);
        ExecutionContext quiet = new UnitContext(context);
        int submitted = 0;
        int finished = 0;
        try {
            // Keep at most `threads` units in flight so a cancellation stops new work at once.
            while (finished < units.size()) {
                while (submitted < units.size() && submitted - finished < threads && !context.isCanceled()) {
                    int index = submitted++;
                    WorkUnit<T> unit = units.get(index);
                    done.submit(() -> runOne(index, unit, quiet));
                }
                if (submitted == finished) {
                    break; // cancelled before everything was submitted
                }
                Future<Outcome<T>> f = done.take();
                Outcome<T> o = f.get();
                outcomes.set(o.index(), o);
                finished++;
                onDone.accept(o);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanceledException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("A work unit escaped its error handling", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) == null) {
                outcomes.set(i, new Outcome<>(i, null, null, true, 0));
            }
        }
        return outcomes;
    }

    private static <T> Outcome<T> runOne(int index, WorkUnit<T> unit, ExecutionContext context) {
        long t0 = System.nanoTime();
        try {
            return new Outcome<>(index, unit.run(context), null, false, System.nanoTime() - t0);
        } catch (CanceledException e) {
            return new Outcome<>(index, null, null, true, System.nanoTime() - t0);
        } catch (InvalidInputException e) {
            return new Outcome<>(index, null, e.getMessage(), false, System.nanoTime() - t0);
        } catch (RuntimeException | Error e) {
            return new Outcome<>(index, null, e.toString(), false, System.nanoTime() - t0);
        }
    }

    /** A unit's context: cancellation, warnings and logging of the node, but no progress of its own. */
    private static final class UnitContext extends ForwardingExecutionContext {
        UnitContext(ExecutionContext node) {
            super(node);
        }

        @Override
        public void progress(double fraction, String message) {
            // Parallel units would fight over one progress bar; the runner reports units done instead.
        }

        @Override
        public ExecutionContext subProgress(double from, double to) {
            return this;
        }

        /** The runner already runs units side by side; a unit does not fan out again. */
        @Override
        public int parallelism() {
            return 1;
        }
    }
}
