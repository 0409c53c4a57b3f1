package dev.quiver.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One installable group of bundles, read from {@code features/<name>.properties} in the
 * distribution. Properties rather than JSON keep the launcher free of any library besides the
 * framework.
 *
 * <pre>
 * description=Statistics nodes (Hipparchus)
 * autostart=true
 * requires=core
 * bundles=hipparchus-core,hipparchus-stat,quiver-nodes-stats
 * </pre>
 *
 * {@code bundles} are artifactIds of files {@code bundles/<artifactId>.jar}, in start order.
 * {@code requires} (optional) names features whose bundles this one needs; selecting this
 * feature selects them too.
 *
 * @param name the file name without {@code .properties}
 * @param bundleJars the bundle files, in start order; every one exists
 */
public record FeatureDescriptor(String name, String description, boolean autostart, List<String> requires,
        List<Path> bundleJars) {

    public static final String EXTENSION = ".properties";
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Set<String> KEYS = Set.of("description", "autostart", "requires", "bundles");

    public FeatureDescriptor {
        requires = List.copyOf(requires);
        bundleJars = List.copyOf(bundleJars);
    }

    /**
     * Reads a descriptor and checks that every bundle it names exists in {@code bundleDir}.
     *
     * @throws LaunchException naming the file and the offending key or bundle
     */
    public static FeatureDescriptor read(Path file, Path bundleDir) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(EXTENSION)) {
            throw new LaunchException("Feature descriptor " + file + " must end with " + EXTENSION);
        }
        String name = fileName.substring(0, fileName.length() - EXTENSION.length());
        if (!NAME.matcher(name).matches()) {
            throw new LaunchException("Feature descriptor " + file + ": '" + name
                    + "' is not a valid feature name (lower-case letters, digits, '.', '_', '-').");
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read feature descriptor " + file, e);
        }
        Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new LaunchException("Feature descriptor " + file + " has unknown key(s) " + unknown
                    + " (known: " + new TreeSet<>(KEYS) + ").");
        }
        String autostart = props.getProperty("autostart", "false").trim();
        if (!autostart.equals("true") && !autostart.equals("false")) {
            throw new LaunchException("Feature descriptor " + file + ": autostart is '" + autostart
                    + "', but must be true or false.");
        }
        List<String> bundleIds = list(props.getProperty("bundles", ""));
        if (bundleIds.isEmpty()) {
            throw new LaunchException("Feature descriptor " + file
                    + " names no bundles. Set bundles=<artifactId>,<artifactId>,...");
        }
        List<Path> jars = new ArrayList<>();
        for (String id : bundleIds) {
            Path jar = bundleDir.resolve(id + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new LaunchException("Feature '" + name + "' names bundle '" + id + "', but " + jar
                        + " does not exist. Rebuild the distribution (mvn -q package -DskipTests) or fix "
                        + file + ".");
            }
            jars.add(jar);
        }
        return new FeatureDescriptor(name, props.getProperty("description", "").trim(),
                Boolean.parseBoolean(autostart), list(props.getProperty("requires", "")), jars);
    }

    private static List<String> list(String commaSeparated) {
        List<String> out = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
