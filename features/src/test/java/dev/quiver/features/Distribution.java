package dev.quiver.features;

import dev.quiver.launcher.QuiverRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

/** What the integration tests share: where the assembled distribution is, and running a command in it. */
final class Distribution {
    static final Path HOME = Path.of(System.getProperty("quiver.home", "target/quiver"));
    static final Path EXAMPLES = HOME.resolve("../../../examples").normalize();

    private Distribution() {
    }

    /** What a command printed on stdout and stderr, and its exit code. */
    record Captured(int code, String out, String err) {
        /** For assertion messages. */
        Supplier<String> show() {
            return () -> "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /**
     * Runs a command in the framework. The command writes to System.out/err itself (it is the real
     * command-line service), so both are swapped for the call; one command at a time.
     */
    static synchronized Captured quiver(QuiverRuntime runtime, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = runtime.runCommand(args);
            return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    /** An example's file as a path string with forward slashes, for JSON written by tests. */
    static String example(String relative) {
        return EXAMPLES.resolve(relative).toString().replace("\\", "/");
    }
}
