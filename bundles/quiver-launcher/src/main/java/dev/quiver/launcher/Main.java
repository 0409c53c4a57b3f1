package dev.quiver.launcher;

import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code quiver [--features a,b] [--quiver-debug] <command> [args]}: starts the runtime, hands
 * the command to the command-line bundle and exits with its code.
 *
 * <p>Exit codes: the command's own, 2 when the runtime cannot start or the command service
 * never appears, 1 when the command service fails unexpectedly.
 */
public final class Main {
    /** The launcher could not bring up the runtime: a user-facing, actionable failure. */
    static final int EXIT_LAUNCH = 2;
    static final int EXIT_CRASH = 1;
    static final int EXIT_INTERRUPTED = 130;
    static final String HOME_PROPERTY = "quiver.home";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        // Before the first LoggerFactory call, which fixes slf4j-simple's configuration.
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        defaultProperty("org.slf4j.simpleLogger.logFile", "System.err");
        LauncherOptions options;
        Path home;
        try {
            options = LauncherOptions.parse(args);
            home = home();
        } catch (LaunchException e) {
            System.err.println("quiver: " + e.getMessage());
            return EXIT_LAUNCH;
        }
        long t0 = System.nanoTime();
        QuiverRuntime runtime;
        try {
            runtime = QuiverRuntime.start(home, options.features());
        } catch (LaunchException | UncheckedIOException e) {
            System.err.println("quiver: " + e.getMessage());
            return EXIT_LAUNCH;
        }
        try {
            if (options.debug()) {
                System.err.printf("quiver: features %s started in %d ms from %s%n", runtime.installedFeatures(),
                        (System.nanoTime() - t0) / 1_000_000, home);
                System.err.print(runtime.bundleReport());
            }
            return runtime.runCommand(options.commandArgs().toArray(String[]::new));
        } catch (RuntimeException | LinkageError e) {
            if (runtime.isClosed()) {
                // Ctrl-C: the shutdown hook is stopping the framework under the command's feet.
                return EXIT_INTERRUPTED;
            }
            if (e instanceof LaunchException) {
                System.err.println("quiver: " + e.getMessage());
                if (options.debug()) {
                    System.err.print(runtime.bundleReport());
                }
                return EXIT_LAUNCH;
            }
            System.err.println("quiver: the command failed unexpectedly: " + e);
            e.printStackTrace(System.err);
            return EXIT_CRASH;
        } finally {
            runtime.close();
        }
    }

    /** {@code quiver.home}, else the folder of the launcher jar (so {@code java -jar} works too). */
    static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar)) {
                return jar.getParent();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Fall through to the message below.
        }
        throw new LaunchException("Set -D" + HOME_PROPERTY + " to the distribution folder (features/target/quiver),"
                + " or start Quiver with the quiver script.");
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
