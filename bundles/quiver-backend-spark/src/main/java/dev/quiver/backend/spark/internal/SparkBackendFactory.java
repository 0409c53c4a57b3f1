package dev.quiver.backend.spark.internal;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionBackend;
import dev.quiver.api.node.ExecutionBackendFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code spark} backend. Options: {@code master} ({@code local[N]}, {@code spark://host:port},
 * {@code yarn}, {@code k8s://...}; default {@code local[2]}), any {@code spark.*} property,
 * {@code spark-home} (a Spark 3.5 / Scala 2.13 installation whose jars the driver uses instead of the
 * shipped ones: how YARN and Kubernetes masters are reached), {@code driver-memory} (heap of the driver
 * JVM, e.g. {@code 2g}) and {@code worker-log} (a file that gets one tab-separated line per finished unit:
 * command, unit, {@code pid@host} of the executor, ok/failed, Spark's attempt number).
 */
@Component(service = ExecutionBackendFactory.class, property = "quiver.backend=spark")
public final class SparkBackendFactory implements ExecutionBackendFactory {
    public static final String ID = "spark";
    static final String DEFAULT_MASTER = "local[2]";
    private static final Pattern MASTER = Pattern.compile(
            "local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[\\d+,\\d+,\\d+]|spark://.+|yarn|k8s://.+|mesos://.+");
    private static final Pattern MEMORY = Pattern.compile("\\d+[kmgtKMGT]?");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Apache Spark: search trials, cross-validation folds and batch scoring on a Spark cluster"
                + " (master local[N], spark://, yarn or k8s://)";
    }

    @Override
    public ExecutionBackend open(Map<String, String> options) {
        String master = DEFAULT_MASTER;
        String driverMemory = null;
        String workerLog = null;
        String sparkHome = null;
        Map<String, String> conf = new TreeMap<>();
        for (var e : new TreeMap<>(options).entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue().trim();
            switch (key) {
                case "master" -> master = value;
                case "driver-memory" -> driverMemory = value;
                case "worker-log" -> workerLog = value;
                case "spark-home" -> sparkHome = value;
                default -> {
                    if (!key.startsWith("spark.")) {
                        throw new InvalidInputException("Unknown option '" + key + "' of the Spark backend. Known: master,"
                                + " spark-home, driver-memory, worker-log and any spark.* property (e.g. spark.executor.memory=2g).");
                    }
                    conf.put(key, value);
                }
            }
        }
        if (!MASTER.matcher(master).matches()) {
            throw new InvalidInputException("Spark master '" + master + "' is not a master URL. Use local[N] to try it"
                    + " on this machine, spark://host:7077 for a standalone cluster, yarn, or k8s://https://host:port.");
        }
        if (driverMemory != null && !MEMORY.matcher(driverMemory).matches()) {
            throw new InvalidInputException("driver-memory '" + driverMemory + "' is not a JVM memory size such as 2g or 512m.");
        }
        if (onLoopback(master)) {
            // Nothing outside this machine takes part: keep the driver's ports off the network.
            conf.putIfAbsent("spark.driver.host", "127.0.0.1");
            conf.putIfAbsent("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkRuntime runtime = SparkRuntime.locate();
        if (sparkHome != null && !sparkHome.isEmpty()) {
            runtime = runtime.withSparkHome(java.nio.file.Path.of(sparkHome));
        }
        String module = master.equals("yarn") ? "spark-yarn_2.13" : master.startsWith("k8s://") ? "spark-kubernetes_2.13"
                : null;
        if (module != null && runtime.libraries().stream().noneMatch(p -> p.getFileName().toString().startsWith(module))) {
            throw new InvalidInputException("Master '" + master + "' needs Spark's " + module + " module, which Quiver"
                    + " does not ship (it carries Spark core and SQL for local[N] and spark:// masters). Set the backend"
                    + " option spark-home to your cluster's Spark 3.5 installation for Scala 2.13, e.g. --backend-option"
                    + " spark-home=/opt/spark.");
        }
        return new SparkBackend(runtime, master, conf, driverMemory,
                workerLog == null || workerLog.isEmpty() ? null : java.nio.file.Path.of(workerLog));
    }

    /** local[N], or a standalone master on this machine's loopback address. */
    static boolean onLoopback(String master) {
        return master.startsWith("local") || master.startsWith("spark://127.") || master.startsWith("spark://localhost:");
    }
}
