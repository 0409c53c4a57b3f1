package dev.quiver.engine.component;

import dev.quiver.api.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where components live and how workflows name them. A workflow refers to a component by the stem
 * of its file name ({@code component:preprocess} is {@code components/preprocess.quiver-component.json}),
 * so a workflow and its components folder move together and the reference diffs as one word.
 */
public final class Components {
    /** Node types that refer to a component file start with this. */
    public static final String TYPE_PREFIX = "component:";
    public static final String FILE_SUFFIX = ".quiver-component.json";
    /** The folder next to a workflow (or at the editor's workspace root) that holds its components. */
    public static final String FOLDER = "components";
    public static final String CATEGORY = "Components";

    /**
     * Stems are plain names: no separators or leading dots, so a node type can never point outside
     * the components folder.
     */
    private static final Pattern STEM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private Components() {
    }

    public static boolean isComponentType(String typeId) {
        return typeId != null && typeId.startsWith(TYPE_PREFIX);
    }

    public static String typeOf(String stem) {
        return TYPE_PREFIX + checkStem(stem);
    }

    /** The stem a component type refers to. */
    public static String stemOf(String typeId) {
        return typeId.substring(TYPE_PREFIX.length());
    }

    public static boolean isValidStem(String stem) {
        return stem != null && STEM.matcher(stem).matches();
    }

    public static String checkStem(String stem) {
        if (!isValidStem(stem)) {
            throw new InvalidInputException("Component name '" + stem + "' is not allowed: use letters, digits, "
                    + "'-' and '_', starting with a letter or digit (for example 'preprocess').");
        }
        return stem;
    }

    public static Path file(Path folder, String stem) {
        return folder.resolve(checkStem(stem) + FILE_SUFFIX);
    }

    /** The component files in a folder, sorted by name; none when the folder does not exist. */
    public static List<Path> list(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(FILE_SUFFIX))
                    .filter(f -> isValidStem(stemOfFile(f))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    public static String stemOfFile(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - FILE_SUFFIX.length());
    }
}
