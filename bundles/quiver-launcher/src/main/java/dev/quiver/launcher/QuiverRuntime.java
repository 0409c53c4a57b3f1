package dev.quiver.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Felix with the bundles of some features installed and started. Used by
 * {@link Main} and by integration tests; close it to stop the framework and delete its storage.
 *
 * <p>The command line lives in a bundle: it registers a {@code java.util.function.Function}
 * with {@code quiver.command=cli} whose {@code apply(String[])} runs a command and returns the
 * exit code. {@code Function} is a JDK type, so launcher and bundle share it without exporting
 * anything. A feature can contribute a command of its own (the editor's {@code serve}) by
 * registering the same kind of service with {@code quiver.command=<name>}: the first argument
 * picks it, and every other command line goes to {@code cli}.
 */
public final class QuiverRuntime implements AutoCloseable {
    /** The service property that marks the command-line service. */
    public static final String COMMAND_PROPERTY = "quiver.command";
    public static final String COMMAND_FILTER =
            "(&(" + Constants.OBJECTCLASS + "=" + Function.class.getName() + ")(" + COMMAND_PROPERTY + "=cli))";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(QuiverRuntime.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String JDK_EXTRA_PACKAGES = "com.sun.net.httpserver";
    private static final List<String> SLF4J_PACKAGES =
            List.of("org.slf4j", "org.slf4j.event", "org.slf4j.helpers", "org.slf4j.spi");

    private final FeatureCatalog catalog;
    private volatile Framework framework;
    private final Path storage;
    private final Map<String, List<Bundle>> installed = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private volatile Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

    private QuiverRuntime(FeatureCatalog catalog, Path storage) {
        this.catalog = catalog;
        this.storage = storage;
        // Ctrl-C must not leave a framework cache behind in the temp folder, even when it arrives
        // while the framework is still starting.
        this.shutdownHook = new Thread(this::closeQuietly, "quiver-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts Felix with a fresh storage folder, installs the bundles of {@code features} (and of
     * the features they require; all autostart features if empty) and starts them.
     *
     * @throws LaunchException if the distribution is broken or a bundle does not resolve or
     *         start; the framework is stopped and its storage deleted before it is thrown
     */
    public static QuiverRuntime start(Path home, Collection<String> features) {
        FeatureCatalog catalog = FeatureCatalog.load(home);
        List<FeatureDescriptor> selected = catalog.select(features);
        long t0 = System.nanoTime();
        Path storage;
        try {
            storage = Files.createTempDirectory("quiver-felix-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the framework storage folder in "
                    + System.getProperty("java.io.tmpdir"), e);
        }
        QuiverRuntime runtime = new QuiverRuntime(catalog, storage);
        try {
            Framework framework = frameworkFactory().newFramework(frameworkProperties(storage));
            runtime.framework = framework;
            framework.start();
        } catch (BundleException | RuntimeException e) {
            runtime.close();
            throw new LaunchException("The OSGi framework did not start: " + e.getMessage(), e);
        }
        try {
            runtime.installAndStart(selected);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        LOG.debug("Started features {} in {} ms", runtime.installedFeatures(), (System.nanoTime() - t0) / 1_000_000);
        return runtime;
    }

    /** The system bundle's context; fails once the runtime is closed or shutting down. */
    public BundleContext bundleContext() {
        Framework current = framework;
        BundleContext context = current == null || closed.get() ? null : current.getBundleContext();
        if (context == null) {
            throw new LaunchException("Quiver is shutting down.");
        }
        return context;
    }

    /** Whether {@link #close()} ran or started, possibly from the shutdown hook (Ctrl-C). */
    public boolean isClosed() {
        return closed.get();
    }

    public FeatureCatalog catalog() {
        return catalog;
    }

    /** The names of the installed features, in install order. */
    public synchronized List<String> installedFeatures() {
        return List.copyOf(installed.keySet());
    }

    /** The storage folder of the framework; gone after {@link #close()}. */
    public Path storage() {
        return storage;
    }

    /** How long {@link #runCommand} waits for the command service to appear. */
    public void commandTimeout(Duration timeout) {
        this.commandTimeout = timeout;
    }

    /**
     * Installs and starts the bundles of a feature (and of the features it requires that are not
     * installed yet) in the running framework.
     *
     * @return the feature's bundles, in start order
     */
    public synchronized List<Bundle> installFeature(String name) {
        FeatureDescriptor feature = catalog.get(name);
        List<FeatureDescriptor> missing = new ArrayList<>();
        for (FeatureDescriptor f : catalog.select(List.of(name))) {
            if (!installed.containsKey(f.name())) {
                missing.add(f);
            }
        }
        installAndStart(missing);
        return installed.getOrDefault(feature.name(), List.of());
    }

    /**
     * Stops and uninstalls the bundles of a feature that no other installed feature uses, and
     * refreshes the framework so that nothing keeps their classes.
     */
    public synchronized void uninstallFeature(String name) {
        List<Bundle> bundles = installed.get(name);
        if (bundles == null) {
            throw new LaunchException("Feature '" + name + "' is not installed (installed: "
                    + String.join(", ", installed.keySet()) + ").");
        }
        for (String other : installed.keySet()) {
            if (!other.equals(name) && catalog.get(other).requires().contains(name)) {
                throw new LaunchException("Feature '" + name + "' is required by installed feature '" + other
                        + "'; uninstall '" + other + "' first.");
            }
        }
        Set<Bundle> stillUsed = new LinkedHashSet<>();
        installed.forEach((feature, list) -> {
            if (!feature.equals(name)) {
                stillUsed.addAll(list);
            }
        });
        List<Bundle> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = bundles.size() - 1; i >= 0; i--) {
            Bundle bundle = bundles.get(i);
            if (stillUsed.contains(bundle) || bundle.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            try {
                bundle.uninstall();
                removed.add(bundle);
            } catch (BundleException | RuntimeException e) {
                failures.add(describe(bundle) + ": " + e.getMessage());
            }
        }
        installed.remove(name);
        refresh(removed);
        if (!failures.isEmpty()) {
            throw new LaunchException("Feature '" + name + "' was not uninstalled cleanly:\n  "
                    + String.join("\n  ", failures));
        }
    }

    /**
     * Runs one command through the command service, waiting for it to appear.
     *
     * @return the exit code the command returned
     * @throws LaunchException if the service does not appear in time, naming the bundles that
     *         are not active
     */
    public int runCommand(String... args) {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(bundleContext(), bundleContext().createFilter(COMMAND_FILTER), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open(true);
        try {
            Object service = tracker.waitForService(Math.max(1, commandTimeout.toMillis()));
            if (service == null) {
                throw new LaunchException("No command service (" + COMMAND_FILTER + ") appeared within "
                        + commandTimeout.toSeconds() + " s. " + notActiveSummary());
            }
            if (!(service instanceof Function<?, ?>)) {
                throw new LaunchException("The command service " + service.getClass().getName()
                        + " is not a java.util.function.Function.");
            }
            // Bundles start synchronously, so once the core command service is up, a feature's own
            // command service is registered too if its bundle is active.
            if (args.length > 0 && !args[0].startsWith("-")) {
                Object own = featureCommand(args[0]);
                if (own != null) {
                    service = own;
                }
            }
            @SuppressWarnings("unchecked")
            Function<Object, Object> command = (Function<Object, Object>) service;
            Object code = command.apply(args.clone());
            if (!(code instanceof Number)) {
                throw new LaunchException("The command service returned " + code + " instead of an exit code.");
            }
            return ((Number) code).intValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while waiting for the command service.", e);
        } finally {
            tracker.close();
        }
    }

    /** The command service registered under {@code quiver.command=name}, or null. */
    private Object featureCommand(String name) {
        if (name.equals("cli") || !name.matches("[A-Za-z][A-Za-z0-9-]*")) {
            return null;
        }
        try {
            var refs = bundleContext().getServiceReferences(Function.class.getName(),
                    "(" + COMMAND_PROPERTY + "=" + name + ")");
            return refs == null || refs.length == 0 ? null : bundleContext().getService(refs[0]);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every bundle with its id, state, symbolic name and version: for {@code --quiver-debug}. */
    public String bundleReport() {
        StringBuilder out = new StringBuilder();
        for (Bundle bundle : bundleContext().getBundles()) {
            out.append(String.format("%4d %-11s %s %s%n", bundle.getBundleId(), stateName(bundle),
                    bundle.getSymbolicName(), bundle.getVersion()));
        }
        return out.toString();
    }

    /** Stops the framework, waits for it, and deletes its storage. Idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself: nothing to remove.
        }
        closeQuietly();
    }

    private void closeQuietly() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Framework current = framework;
        try {
            if (current == null) {
                return;
            }
            current.stop();
            FrameworkEvent event = current.waitForStop(STOP_TIMEOUT.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("The framework did not stop within {} s", STOP_TIMEOUT.toSeconds());
            }
        } catch (BundleException | RuntimeException e) {
            LOG.warn("Stopping the framework failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(storage);
        }
    }

    private void installAndStart(List<FeatureDescriptor> features) {
        List<Bundle> newlyInstalled = new ArrayList<>();
        try {
            installAndStart(features, newlyInstalled);
        } catch (RuntimeException e) {
            // Leave the framework as it was: half a feature would register half its nodes.
            features.forEach(f -> installed.remove(f.name()));
            for (int i = newlyInstalled.size() - 1; i >= 0; i--) {
                try {
                    newlyInstalled.get(i).uninstall();
                } catch (BundleException | RuntimeException ignored) {
                    // Already reported by the failure being thrown.
                }
            }
            refresh(newlyInstalled);
            throw e;
        }
    }

    private void installAndStart(List<FeatureDescriptor> features, List<Bundle> newlyInstalled) {
        BundleContext context = bundleContext();
        List<Bundle> toStart = new ArrayList<>();
        Map<Bundle, String> featureOf = new HashMap<>();
        Set<Bundle> seen = new LinkedHashSet<>();
        for (FeatureDescriptor feature : features) {
            List<Bundle> bundles = new ArrayList<>();
            for (Path jar : feature.bundleJars()) {
                // reference: makes Felix read the jar in place instead of copying it into the cache,
                // which keeps start-up fast for the large embedded-library bundles.
                String location = "reference:" + jar.toAbsolutePath().normalize().toUri();
                Bundle bundle = context.getBundle(location);
                if (bundle == null) {
                    try {
                        bundle = context.installBundle(location);
                        newlyInstalled.add(bundle);
                    } catch (BundleException e) {
                        throw new LaunchException("Feature '" + feature.name() + "': cannot install " + jar
                                + ": " + e.getMessage(), e);
                    }
                }
                bundles.add(bundle);
                if (seen.add(bundle)) {
                    toStart.add(bundle);
                    featureOf.put(bundle, feature.name());
                }
            }
            installed.put(feature.name(), List.copyOf(bundles));
        }
        // Resolving everything at once lets the resolver pick consistent wirings before any
        // activator runs; start() then reports precisely what is missing for each bundle.
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).resolveBundles(toStart);
        List<String> failures = new ArrayList<>();
        for (Bundle bundle : toStart) {
            if (isFragment(bundle) || bundle.getState() == Bundle.ACTIVE) {
                continue;
            }
            try {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            } catch (BundleException | RuntimeException e) {
                failures.add(describe(bundle) + " in feature '" + featureOf.get(bundle) + "': "
                        + messageWithCauses(e));
            }
        }
        if (!failures.isEmpty()) {
            String hint = failures.stream().anyMatch(f -> f.contains("missing requirement"))
                    ? "\nA missing requirement names a package or capability that no installed bundle provides:"
                            + " add the bundle that provides it to a feature, or select the feature that has it."
                    : "";
            throw new LaunchException(failures.size() + " bundle(s) did not start (features " + names(features)
                    + "):\n  " + String.join("\n  ", failures) + hint);
        }
    }

    private void refresh(List<Bundle> bundles) {
        if (bundles.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        bundleContext().getBundle(0).adapt(FrameworkWiring.class).refreshBundles(bundles, event -> done.countDown());
        try {
            if (!done.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Refreshing after uninstall did not finish within {} s", STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String notActiveSummary() {
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : bundleContext().getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE && !isFragment(bundle)) {
                notActive.add(describe(bundle) + " is " + stateName(bundle));
            }
        }
        if (notActive.isEmpty()) {
            return "Every bundle is ACTIVE, so no installed bundle registers it: is the feature with "
                    + "quiver-cli selected, and is its component satisfied? (run with --quiver-debug)";
        }
        return "Bundles not ACTIVE:\n  " + String.join("\n  ", notActive);
    }

    static String describe(Bundle bundle) {
        String name = bundle.getSymbolicName() != null ? bundle.getSymbolicName() : bundle.getLocation();
        String location = bundle.getLocation();
        String file = location.substring(location.lastIndexOf('/') + 1);
        return name + " " + bundle.getVersion() + " (" + file + ")";
    }

    static String stateName(Bundle bundle) {
        switch (bundle.getState()) {
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return isFragment(bundle) ? "RESOLVED (fragment)" : "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "state " + bundle.getState();
        }
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    private static String messageWithCauses(Throwable e) {
        String message = String.valueOf(e.getMessage());
        // Felix repeats the missing requirement in this tail; once is enough to read.
        int repeat = message.indexOf(" Unresolved requirements: ");
        StringBuilder out = new StringBuilder(repeat > 0 ? message.substring(0, repeat) : message);
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            out.append("\n    caused by ").append(cause);
        }
        return out.toString();
    }

    private static String names(List<FeatureDescriptor> features) {
        List<String> names = new ArrayList<>();
        features.forEach(f -> names.add(f.name()));
        return String.join(", ", names);
    }

    private static FrameworkFactory frameworkFactory() {
        return ServiceLoader.load(FrameworkFactory.class, QuiverRuntime.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new LaunchException(
                        "No OSGi framework on the class path (expected lib/org.apache.felix.framework.jar)."));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> frameworkProperties(Path storage) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Bundles import SLF4J from the launcher's class path: SLF4J 2 finds its provider with
        // ServiceLoader, which does not work across bundles without a Service Loader Mediator.
        // The JDK's HTTP server (module jdk.httpserver) serves the editor: lean and always present,
        // but not among the packages Felix exports from the JDK by default.
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, slf4jExports() + "," + JDK_EXTRA_PACKAGES);
        // Felix prints its own errors to stdout by default, which would mix with command output.
        props.put("felix.log.logger", new FelixLogBridge());
        props.put("felix.log.level", Integer.toString(FelixLogBridge.felixLevel()));
        return (Map) props;
    }

    /**
     * The packages SLF4J exports, exactly as the slf4j-api jar on the class path declares them
     * (including its 1.7 compatibility exports), so the system bundle stands in for that bundle.
     */
    static String slf4jExports() {
        URL manifestUrl = null;
        try {
            URL classUrl = LoggerFactory.class.getResource("LoggerFactory.class");
            if (classUrl != null && "jar".equals(classUrl.getProtocol())) {
                String s = classUrl.toString();
                manifestUrl = new URL(s.substring(0, s.indexOf("!/") + 2) + "META-INF/MANIFEST.MF");
            }
        } catch (IOException e) {
            manifestUrl = null;
        }
        if (manifestUrl != null) {
            try (InputStream in = manifestUrl.openStream()) {
                String exports = new Manifest(in).getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
                if (exports != null && !exports.isBlank()) {
                    return exports;
                }
            } catch (IOException e) {
                LOG.debug("Cannot read the SLF4J manifest at {}: {}", manifestUrl, e.toString());
            }
        }
        String version = LoggerFactory.class.getPackage().getImplementationVersion();
        if (version == null || !version.startsWith("2.")) {
            version = "2.0.0";
        }
        List<String> exports = new ArrayList<>();
        for (String pkg : SLF4J_PACKAGES) {
            exports.add(pkg + ";version=\"" + version + "\"");
        }
        return String.join(",", exports);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // Already deleted by someone else: the goal is reached.
        } catch (IOException e) {
            LOG.warn("Cannot delete the framework storage {}: {}", root, e.toString());
        }
    }
}
