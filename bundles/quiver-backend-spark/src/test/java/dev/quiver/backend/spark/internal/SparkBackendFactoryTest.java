package dev.quiver.backend.spark.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options are checked when the backend opens, before any JVM starts; each error names the value and the fix. */
class SparkBackendFactoryTest {
    private final SparkBackendFactory factory = new SparkBackendFactory();

    @TempDir
    Path home;

    @BeforeEach
    void fakeRuntime() throws IOException {
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/spark-core_2.13-3.5.8.jar"), "");
        Files.writeString(home.resolve(SparkRuntime.JOB_JAR), "");
        System.setProperty(SparkRuntime.HOME_PROPERTY, home.toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty(SparkRuntime.HOME_PROPERTY);
    }

    private String refused(Map<String, String> options) {
        return assertThrows(InvalidInputException.class, () -> factory.open(options)).getMessage();
    }

    @Test
    void anUnknownOptionIsNamedWithTheKnownOnes() {
        String m = refused(Map.of("mastr", "local[2]"));
        assertTrue(m.contains("'mastr'") && m.contains("master") && m.contains("spark.*"), m);
    }

    @Test
    void aMasterThatIsNoMasterUrlIsRefused() {
        String m = refused(Map.of("master", "127.0.0.1:7077"));
        assertTrue(m.contains("'127.0.0.1:7077'") && m.contains("spark://host:7077"), m);
    }

    @Test
    void yarnWithoutTheYarnModuleAsksForTheClustersSparkHome() {
        String m = refused(Map.of("master", "yarn"));
        assertTrue(m.contains("spark-yarn_2.13") && m.contains("spark-home"), m);
        String k = refused(Map.of("master", "k8s://https://10.0.0.1:6443"));
        assertTrue(k.contains("spark-kubernetes_2.13"), k);
    }

    @Test
    void aSparkHomeThatIsNotSpark35ForScala213IsRefused() throws IOException {
        Path other = Files.createDirectories(home.resolve("other/jars"));
        Files.writeString(other.resolve("spark-core_2.12-3.4.1.jar"), "");
        String m = refused(Map.of("master", "yarn", "spark-home", other.getParent().toString()));
        assertTrue(m.contains("not a Spark 3.5 installation for Scala 2.13"), m);
    }

    @Test
    void aBadDriverMemoryIsRefused() {
        String m = refused(Map.of("driver-memory", "lots"));
        assertTrue(m.contains("'lots'") && m.contains("2g"), m);
    }

    @Test
    void aMissingRuntimeSaysHowToInstallIt() throws IOException {
        System.setProperty(SparkRuntime.HOME_PROPERTY, home.resolve("nowhere").toString());
        String m = refused(Map.of());
        assertTrue(m.contains("feature 'spark'"), m);
    }

    @Test
    void loopbackMastersKeepTheDriverOnLoopback() {
        assertTrue(SparkBackendFactory.onLoopback("local[2]"));
        assertTrue(SparkBackendFactory.onLoopback("spark://127.0.0.1:7077"));
        assertTrue(!SparkBackendFactory.onLoopback("spark://spark-master.example:7077"));
    }
}
