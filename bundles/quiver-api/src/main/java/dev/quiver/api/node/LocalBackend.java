package dev.quiver.api.node;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The default backend: fits run on {@link LocalWorkRunner}'s threads in this process. */
public final class LocalBackend implements ExecutionBackend {
    public static final String ID = "local";
    public static final LocalBackend INSTANCE = new LocalBackend();

    /** This process as {@code pid@host}, the {@link FitResult#worker()} of local fits. */
    static final String WORKER = ProcessHandle.current().pid() + "@" + hostName();

    private LocalBackend() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<WorkRunner.Outcome<FitResult>> fitAll(FitJob job, List<FitUnit> units, int parallelism,
            ExecutionContext context, Consumer<WorkRunner.Outcome<FitResult>> onDone) {
        List<WorkRunner.WorkUnit<FitResult>> work = new ArrayList<>(units.size());
        for (FitUnit unit : units) {
            work.add(ctx -> job.run(unit, ctx));
        }
        return context.workRunner().runAll(work, parallelism, context, onDone);
    }

    @Override
    public void close() {
        // Nothing held: the pool lives only while runAll runs.
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            return "localhost";
        }
    }
}
