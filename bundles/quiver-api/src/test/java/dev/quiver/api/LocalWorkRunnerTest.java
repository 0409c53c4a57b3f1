package dev.quiver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.node.ExecutionBackend;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.FitJob;
import dev.quiver.api.node.FitResult;
import dev.quiver.api.node.FitUnit;
import dev.quiver.api.node.LocalWorkRunner;
import dev.quiver.api.node.WorkRunner.Outcome;
import dev.quiver.api.node.WorkRunner.WorkUnit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LocalWorkRunnerTest {
    /** A minimal context with a cancel switch. */
    private static final class Ctx implements ExecutionContext {
        final AtomicBoolean canceled = new AtomicBoolean();
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

        public String nodeId() {
            return "n";
        }

        public Path resolvePath(String path) {
            return Path.of(path);
        }

        public void progress(double fraction, String message) {
        }

        public ExecutionContext subProgress(double from, double to) {
            return this;
        }

        public boolean isCanceled() {
            return canceled.get();
        }

        public void warn(String message) {
            warnings.add(message);
        }

        public Logger logger() {
            return LoggerFactory.getLogger("test");
        }

        public RandomGenerator random() {
            return new java.util.SplittableRandom(1);
        }

        /** A backend of its own, to see whether a unit's context passes the node's on. */
        final ExecutionBackend backend = new ExecutionBackend() {
            public String id() {
                return "elsewhere";
            }

            public List<Outcome<FitResult>> fitAll(FitJob job, List<FitUnit> units, int parallelism,
                    ExecutionContext context, java.util.function.Consumer<Outcome<FitResult>> onDone) {
                throw new UnsupportedOperationException();
            }

            public void close() {
            }
        };

        @Override
        public ExecutionBackend backend() {
            return backend;
        }
    }

    @Test
    void aUnitSeesTheNodesBackendAndCancellationButReportsNoProgressAndRunsAlone() {
        var ctx = new Ctx();
        List<Outcome<String>> out = LocalWorkRunner.INSTANCE.runAll(List.of((WorkUnit<String>) c -> {
            c.progress(0.5, "ignored");
            return c.backend().id() + "/" + c.parallelism() + "/" + c.isCanceled() + "/" + c.nodeId();
        }), 2, ctx, o -> { });
        assertEquals("elsewhere/1/false/n", out.get(0).value());
    }

    @Test
    void outcomesComeBackInOrderAndAFailureDoesNotStopTheOthers() {
        List<WorkUnit<Integer>> units = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            units.add(ctx -> {
                if (n == 3) {
                    throw new InvalidInputException("C must be positive, was -1");
                }
                return n * n;
            });
        }
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        List<Outcome<Integer>> out = LocalWorkRunner.INSTANCE.runAll(units, 3, new Ctx(), o -> seen.add(o.index()));
        assertEquals(10, out.size());
        assertEquals(10, seen.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(i, out.get(i).index());
            if (i == 3) {
                assertFalse(out.get(i).succeeded());
                assertEquals("C must be positive, was -1", out.get(i).failure());
            } else {
                assertEquals(i * i, out.get(i).value());
            }
        }
    }

    @Test
    void unitsRunInParallel() {
        CyclicBarrier barrier = new CyclicBarrier(2);
        WorkUnit<String> meet = ctx -> {
            try {
                barrier.await(20, TimeUnit.SECONDS);
                return "met";
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        var out = LocalWorkRunner.INSTANCE.runAll(List.of(meet, meet), 2, new Ctx(), o -> { });
        assertTrue(out.stream().allMatch(Outcome::succeeded), out.toString());
    }

    @Test
    void cancellationStopsSchedulingAndMarksTheRest() {
        Ctx ctx = new Ctx();
        List<WorkUnit<Integer>> units = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            units.add(c -> {
                if (n == 2) {
                    ctx.canceled.set(true);
                }
                c.checkCanceled();
                return n;
            });
        }
        var out = LocalWorkRunner.INSTANCE.runAll(units, 1, ctx, o -> { });
        assertEquals(0, out.get(0).value());
        assertTrue(out.get(2).canceled());
        assertTrue(out.get(19).canceled());
        assertNull(out.get(19).value());
    }
}
