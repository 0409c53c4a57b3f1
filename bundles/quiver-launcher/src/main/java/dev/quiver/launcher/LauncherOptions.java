package dev.quiver.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's own options, taken out of the command line before the rest goes to the
 * command service. Everything from a {@code --} on is passed on untouched, so a command can
 * still receive an argument that looks like a launcher option.
 *
 * @param features the features asked for; empty means every autostart feature
 * @param debug print bundle states
 * @param commandArgs what is left, for the command service
 */
public record LauncherOptions(List<String> features, boolean debug, List<String> commandArgs) {
    public static final String FEATURES = "--features";
    public static final String DEBUG = "--quiver-debug";

    public LauncherOptions {
        features = List.copyOf(features);
        commandArgs = List.copyOf(commandArgs);
    }

    public static LauncherOptions parse(String... args) {
        List<String> features = new ArrayList<>();
        boolean debug = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                rest.addAll(Arrays.asList(args).subList(i, args.length));
                break;
            } else if (arg.equals(DEBUG)) {
                debug = true;
            } else if (arg.equals(FEATURES)) {
                if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
                    throw new LaunchException(FEATURES + " needs a comma-separated list of features, e.g. "
                            + FEATURES + " core,stats");
                }
                addFeatures(args[++i], features);
            } else if (arg.startsWith(FEATURES + "=")) {
                addFeatures(arg.substring(FEATURES.length() + 1), features);
            } else {
                rest.add(arg);
            }
        }
        return new LauncherOptions(features, debug, rest);
    }

    private static void addFeatures(String list, List<String> into) {
        boolean any = false;
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                into.add(name.trim());
                any = true;
            }
        }
        if (!any) {
            throw new LaunchException(FEATURES + " needs at least one feature name.");
        }
    }
}
