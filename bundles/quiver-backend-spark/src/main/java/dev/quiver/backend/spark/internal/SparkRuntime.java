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
record SparkRuntime(Path home, Path libraryDir, List<Path> libraries, Path jobJar) {
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
        return new SparkRuntime(home, lib, jars, job);
    }

    /**
     * The same job jar on the Spark installation of a cluster's edge node ({@code <sparkHome>/jars}),
     * which carries the YARN and Kubernetes modules and the site's Hadoop client. It must be Spark 3.5
     * for Scala 2.13, the line the job jar is built against.
     */
    SparkRuntime withSparkHome(Path sparkHome) {
        Path jars = sparkHome.resolve("jars");
        List<Path> found;
        try (Stream<Path> files = Files.isDirectory(jars) ? Files.list(jars) : Stream.empty()) {
            found = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + jars, e);
        }
        if (found.stream().noneMatch(p -> p.getFileName().toString().startsWith("spark-core_2.13-3.5"))) {
            throw new InvalidInputException("spark-home " + sparkHome + " is not a Spark 3.5 installation for Scala"
                    + " 2.13 (no jars/spark-core_2.13-3.5.*.jar). Point it at such an installation, or leave spark-home"
                    + " out to use the Spark that Quiver ships.");
        }
        return new SparkRuntime(home, jars, found, jobJar);
    }

    /**
     * The driver JVM's class path: the Hadoop and YARN configuration folders when the environment names
     * them (as Spark's own launcher does), Spark, then the job jar.
     */
    String classPath() {
        var sb = new StringBuilder();
        for (String conf : List.of("HADOOP_CONF_DIR", "YARN_CONF_DIR")) {
            String dir = System.getenv(conf);
            if (dir != null && !dir.isBlank()) {
                sb.append(dir).append(java.io.File.pathSeparator);
            }
        }
        return sb.append(libraryDir).append(java.io.File.separator).append('*').append(java.io.File.pathSeparator)
                .append(jobJar).toString();
    }
}
