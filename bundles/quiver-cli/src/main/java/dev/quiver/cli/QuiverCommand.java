package dev.quiver.cli;

import dev.quiver.api.InvalidInputException;
import dev.quiver.engine.registry.NodeRegistry;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code quiver}: the top-level command and its subcommands. */
@Command(name = "quiver", mixinStandardHelpOptions = true, version = "Quiver 0.1.0",
        description = "Quiver: visual machine-learning workflows, headless.",
        subcommands = {NodesCommand.class, ValidateCommand.class, RunCommand.class, PredictCommand.class, DocCommand.class,
            CommandLine.HelpCommand.class})
public final class QuiverCommand implements Runnable {
    final NodeRegistry registry;
    final PrintStream out;
    final PrintStream err;

    QuiverCommand(NodeRegistry registry, PrintStream out, PrintStream err) {
        this.registry = registry;
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    /** Runs one command line; returns the exit code (0 ok, 1 the work failed, 2 bad usage). */
    public static int run(NodeRegistry registry, String[] args, PrintStream out, PrintStream err) {
        var root = new QuiverCommand(registry, out, err);
        var cl = new CommandLine(root, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == NodesCommand.class || cls == ValidateCommand.class || cls == RunCommand.class
                        || cls == DocCommand.class || cls == PredictCommand.class) {
                    return cls.cast(cls.getDeclaredConstructor(QuiverCommand.class).newInstance(root));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidInputException || e instanceof UncheckedIOException) {
                err.println("Error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl.execute(args);
    }
}
