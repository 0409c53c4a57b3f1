package dev.quiver.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The features of one distribution: every {@code features/*.properties} under the home folder. */
public final class FeatureCatalog {
    private final Path home;
    private final Map<String, FeatureDescriptor> byName;

    private FeatureCatalog(Path home, Map<String, FeatureDescriptor> byName) {
        this.home = home;
        this.byName = byName;
    }

    /**
     * Reads every descriptor in {@code home/features}, checking that the bundles they name exist
     * in {@code home/bundles}, so a broken distribution fails before the framework starts.
     */
    public static FeatureCatalog load(Path home) {
        Path featureDir = home.resolve("features");
        Path bundleDir = home.resolve("bundles");
        if (!Files.isDirectory(featureDir)) {
            throw new LaunchException("No folder " + featureDir + ": is " + home
                    + " a Quiver distribution? (quiver.home must point at features/target/quiver)");
        }
        Map<String, FeatureDescriptor> byName = new TreeMap<>();
        try (Stream<Path> files = Files.list(featureDir)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (file.getFileName().toString().endsWith(FeatureDescriptor.EXTENSION)) {
                    FeatureDescriptor feature = FeatureDescriptor.read(file, bundleDir);
                    byName.put(feature.name(), feature);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + featureDir, e);
        }
        if (byName.isEmpty()) {
            throw new LaunchException("No feature descriptors (*.properties) in " + featureDir + ".");
        }
        for (FeatureDescriptor feature : byName.values()) {
            for (String required : feature.requires()) {
                if (!byName.containsKey(required)) {
                    throw new LaunchException("Feature '" + feature.name() + "' requires feature '" + required
                            + "', which does not exist (available: " + String.join(", ", byName.keySet()) + ").");
                }
            }
        }
        return new FeatureCatalog(home, byName);
    }

    public Path home() {
        return home;
    }

    public Collection<FeatureDescriptor> all() {
        return byName.values();
    }

    public Optional<FeatureDescriptor> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public FeatureDescriptor get(String name) {
        FeatureDescriptor feature = byName.get(name);
        if (feature == null) {
            throw new LaunchException("Unknown feature '" + name + "' (available: "
                    + String.join(", ", byName.keySet()) + ").");
        }
        return feature;
    }

    /**
     * The features to install for a request, each after the features it requires, each once.
     * An empty request means every feature with {@code autostart=true}.
     */
    public List<FeatureDescriptor> select(Collection<String> requested) {
        List<String> roots = new ArrayList<>(requested);
        if (roots.isEmpty()) {
            byName.values().stream().filter(FeatureDescriptor::autostart).map(FeatureDescriptor::name)
                    .forEach(roots::add);
            if (roots.isEmpty()) {
                throw new LaunchException("No feature has autostart=true in " + home.resolve("features")
                        + "; choose features with --features a,b (available: "
                        + String.join(", ", byName.keySet()) + ").");
            }
        }
        Set<FeatureDescriptor> ordered = new LinkedHashSet<>();
        for (String name : roots) {
            visit(get(name), ordered, new LinkedHashSet<>());
        }
        return List.copyOf(ordered);
    }

    private void visit(FeatureDescriptor feature, Set<FeatureDescriptor> done, Set<String> path) {
        if (done.contains(feature)) {
            return;
        }
        if (!path.add(feature.name())) {
            throw new LaunchException("Features require each other in a cycle: "
                    + String.join(" -> ", path) + " -> " + feature.name() + ".");
        }
        for (String required : feature.requires()) {
            visit(get(required), done, path);
        }
        path.remove(feature.name());
        done.add(feature);
    }
}
