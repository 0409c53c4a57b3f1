package dev.quiver.nodes.pca;

import dev.quiver.api.node.ExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A small fixed pool sized by {@link ExecutionContext#parallelism()}, so a node never uses more
 * threads than the engine granted. One pool lives for one fit: the Lanczos loop submits a
 * mat-vec per iteration and creating threads each time would cost more than the product.
 */
final class Workers implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;

    Workers(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "quiver-pca-worker");
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /** Runs {@code task(0..tasks-1)}, in parallel when there is more than one thread. */
    void run(int tasks, IntConsumer task) {
        if (pool == null || tasks <= 1) {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int id = t;
            futures.add(pool.submit(() -> task.accept(id)));
        }
        RuntimeException first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new dev.quiver.api.CanceledException();
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Splits rows {@code 0..n} into contiguous blocks, one task per block. */
    void forRows(int n, int minBlock, RowBlock body) {
        int blocks = Math.max(1, Math.min(threads * 4, (n + minBlock - 1) / Math.max(1, minBlock)));
        int size = (n + blocks - 1) / blocks;
        run(blocks, b -> {
            int from = b * size;
            int to = Math.min(n, from + size);
            if (from < to) {
                body.accept(b, from, to);
            }
        });
    }

    @FunctionalInterface
    interface RowBlock {
        void accept(int block, int from, int to);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
