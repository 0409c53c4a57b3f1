package dev.quiver.engine.run;

/** How to run: how many nodes may execute at once (independent branches run in parallel). */
public record ExecutionOptions(int parallelism) {
    public ExecutionOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
    }

    public static ExecutionOptions defaults() {
        return new ExecutionOptions(Runtime.getRuntime().availableProcessors());
    }
}
