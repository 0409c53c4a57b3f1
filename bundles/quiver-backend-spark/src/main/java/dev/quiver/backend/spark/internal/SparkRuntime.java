package dev.quiver.backend.spark.internal;

import dev.quiver.api.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Spark runtime the feature installs beside the bundles: {@code spark/lib/*.jar} (Spark and its
 * dependencies, never loaded into Felix) and {@code spark/quiver-spark-job.jar}. Found under
 * {@code ${quiver.home}/spark}, or wherever the system property {@code quiver.spark.home} points.
 */
record SparkRuntime(Path home, List<Path> libraries, Path jobJar) {
    static final String HOME_PROPERTY = "quiver.spark.home";
    static final String JOB_JAR = "quiver-spark-job.jar";

    static SparkRuntime locate() {
        String explicit = System.getProperty(HOME_PROPERTY);
        Path home;
        if (explicit != null && !explicit.isBlank()) {
            home = Path.of(explicit);
        } else {
            String quiverHome = System.getProperty("quiver.home");
            if (quiverHome == null) {
                throw new InvalidInputException("Cannot find the Spark runtime: neither " + HOME_PROPERTY
                        + " nor quiver.home is set. Start Quiver with its launcher, or set -D" + HOME_PROPERTY
                        + "=<folder with lib/ and " + JOB_JAR + ">.");
            }
            home = Path.of(quiverHome, "spark");
        }
        return at(home);
    }

    static SparkRuntime at(Path home) {
        Path lib = home.resolve("lib");
        Path job = home.resolve(JOB_JAR);
        List<Path> jars;
        try (Stream<Path> files = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + lib, e);
        }
        if (jars.isEmpty() || !Files.isRegularFile(job)) {
            throw new InvalidInputException("The Spark runtime is not installed in " + home + " (expected lib/*.jar and "
                    + JOB_JAR + "). Build the distribution with the feature 'spark' (mvn package), or point -D"
                    + HOME_PROPERTY + " at such a folder.");
        }
        return new SparkRuntime(home, jars, job);
    }

    /** The driver JVM's class path: Spark first, then the job jar. */
    String classPath() {
        return home.resolve("lib") + java.io.File.separator + "*" + java.io.File.pathSeparator + jobJar;
    }
}
