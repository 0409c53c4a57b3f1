package dev.quiver.server;

import dev.quiver.api.InvalidInputException;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.server.internal.QuiverServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quiver serve}: starts the editor and blocks until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Starts the browser editor on http://127.0.0.1:8080 (by default) and serves until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port = 8080;

    @Option(names = "--host", paramLabel = "H", description = "Address to listen on (default: ${DEFAULT-VALUE}). Any"
            + " address other than the loopback one makes the server require the access token it prints.")
    String host = "127.0.0.1";

    @Option(names = "--workspace", paramLabel = "DIR", description = "Folder of the workflows; files they read and"
            + " write must lie inside it (default: the current folder).")
    Path workspace = Path.of("");

    @Option(names = "--examples", paramLabel = "DIR", description = "Folder of example workflows the editor offers"
            + " (default: <quiver.home>/../../../examples, else examples/ in or next to the workspace).")
    Path examples;

    private final NodeRegistry registry;
    private final PrintStream out;
    private final CountDownLatch stop;
    private final java.util.function.Consumer<QuiverServer> started;

    ServeCommand(NodeRegistry registry, PrintStream out, CountDownLatch stop,
            java.util.function.Consumer<QuiverServer> started) {
        this.registry = registry;
        this.out = out;
        this.stop = stop;
        this.started = started;
    }

    @Override
    public Integer call() {
        Path ws = workspace.toAbsolutePath().normalize();
        Path ex = examples != null ? examples.toAbsolutePath().normalize() : defaultExamples(ws);
        if (examples != null && !Files.isDirectory(ex)) {
            throw new InvalidInputException("Examples folder " + ex + " does not exist. Give an existing folder with"
                    + " --examples, or leave the option out.");
        }
        try (QuiverServer server = QuiverServer.start(registry, new QuiverServer.Config(host, port, ws, ex, null))) {
            started.accept(server);
            out.println("Quiver editor: " + server.url());
            out.println("Workspace:     " + server.workspace().root());
            out.println("Examples:      " + server.workspace().examples().map(Path::toString).orElse("(none)"));
            if (server.tokenRequired()) {
                out.println("Access token:  " + server.token() + "  (listening beyond this machine: open the URL"
                        + " above, or send the token as the X-Quiver-Token header)");
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // being interrupted is how an embedding stops us
            }
            out.println("Quiver editor stopped.");
        }
        return 0;
    }

    static Path defaultExamples(Path workspace) {
        String home = System.getProperty("quiver.home");
        if (home != null) {
            Path p = Path.of(home).resolve("../../../examples").toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path p : new Path[] {workspace.resolve("examples"), workspace.resolveSibling("examples")}) {
            if (p != null && Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    static int run(ServeCommand command, String[] args, PrintStream err) {
        CommandLine cl = new CommandLine(command);
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setOut(new java.io.PrintWriter(command.out, true));
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof InvalidInputException) {
                err.println("quiver serve: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }
}
