package dev.quiver.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.InvalidInputException;
import dev.quiver.engine.component.Components;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder the editor works in: workflow files are named by their path relative to it, and no
 * name may lead outside it. Examples are copied into it, with their data, to be opened.
 */
public final class Workspace {
    static final String SUFFIX = ".quiver.json";
    /** Deep enough for {@code examples/iris/iris.quiver.json}, shallow enough to list a home folder quickly. */
    private static final int LIST_DEPTH = 4;
    private static final long MAX_EXAMPLE_BYTES = 256L << 20;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Path root;
    private final Path examples;

    public Workspace(Path root, Path examples) {
        this.root = realFolder(root, "Workspace");
        this.examples = examples == null || !Files.isDirectory(examples) ? null : realFolder(examples, "Examples folder");
    }

    private static Path realFolder(Path dir, String what) {
        try {
            Files.createDirectories(dir);
            return dir.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException(what + " " + dir.toAbsolutePath() + " cannot be used (" + e.getMessage()
                    + "). Choose a folder you can write to.");
        }
    }

    public Path root() {
        return root;
    }

    public Optional<Path> examples() {
        return Optional.ofNullable(examples);
    }

    /**
     * The file of a workflow name such as {@code iris/iris.quiver.json}. Refuses anything that is not
     * a plain relative path inside the workspace ending in {@code .quiver.json}.
     */
    public Path resolve(String name) {
        return resolveIn(root, name, "workspace");
    }

    private static Path resolveIn(Path base, String name, String what) {
        if (name == null || name.isBlank()) {
            throw HttpError.badRequest("The workflow name is empty. Give a name such as 'my-flow" + SUFFIX + "'.");
        }
        if (!isWorkflowFile(name)) {
            throw HttpError.badRequest("Workflow name '" + name + "' must end in '" + SUFFIX + "' (or '"
                    + Components.FILE_SUFFIX + "' for a component), for example '"
                    + name.replaceAll("[/\\\\]+$", "") + SUFFIX + "'.");
        }
        if (name.startsWith("/") || name.contains("\\") || name.contains(":") || name.chars().anyMatch(c -> c < 0x20)) {
            throw HttpError.badRequest("Workflow name '" + name + "' must be a relative path inside the " + what
                    + " using '/' between folders (no drive letters, backslashes or control characters).");
        }
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.startsWith(".")) {
                throw HttpError.badRequest("Workflow name '" + name + "' points outside the " + what
                        + " or into a hidden folder ('" + part + "'). Use a path inside the " + what + ", such as '"
                        + name.substring(name.lastIndexOf('/') + 1) + "'.");
            }
        }
        Path p = base.resolve(name).normalize();
        if (!p.startsWith(base)) {
            throw HttpError.badRequest("Workflow name '" + name + "' points outside the " + what + " (" + base
                    + "). Use a path inside it.");
        }
        try {
            // A symbolic link inside the workspace could still lead out of it.
            Path parent = p.getParent();
            if (Files.exists(parent) && !parent.toRealPath().startsWith(base)) {
                throw HttpError.badRequest("Workflow name '" + name + "' leads through a link outside the " + what
                        + ". Use a folder inside it.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Workflows and component files: the editor opens, edits and saves both. */
    static boolean isWorkflowFile(String name) {
        return name.endsWith(SUFFIX) || name.endsWith(Components.FILE_SUFFIX);
    }

    /**
     * The components folder a workflow sees first: next to it, or at the workspace root for a
     * workflow not saved yet. A component file's own folder is the components folder.
     */
    public Path componentsFolder(String workflowName) {
        if (workflowName == null) {
            return root.resolve(Components.FOLDER);
        }
        Path dir = resolve(workflowName).getParent();
        return workflowName.endsWith(Components.FILE_SUFFIX) ? dir : dir.resolve(Components.FOLDER);
    }

    public String nameOf(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Every workflow file in the workspace, newest first. */
    public ArrayNode list() {
        ArrayNode arr = F.arrayNode();
        for (Path f : findWorkflows(root)) {
            arr.add(entry(root, f));
        }
        return arr;
    }

    private static List<Path> findWorkflows(Path dir) {
        var out = new ArrayList<Path>();
        try (Stream<Path> files = Files.walk(dir, LIST_DEPTH)) {
            files.filter(f -> isWorkflowFile(f.getFileName().toString()))
                    .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> dir.relativize(f).toString().chars().noneMatch(c -> c == '\\')
                            && Stream.of(dir.relativize(f).toString().split("/")).noneMatch(
                                    p -> p.startsWith(".") || p.equals("target") || p.equals("node_modules")))
                    .forEach(out::add);
        } catch (IOException | UncheckedIOException e) {
            // A folder we may not read: list what we can.
        }
        out.sort(Comparator.comparing((Path f) -> modified(f)).reversed().thenComparing(Path::toString));
        return out;
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static ObjectNode entry(Path base, Path f) {
        ObjectNode o = F.objectNode();
        o.put("name", base.relativize(f).toString().replace('\\', '/'));
        o.put("modified", modified(f));
        try {
            o.put("size", Files.size(f));
            WorkflowDocument doc = WorkflowJson.read(f);
            if (doc.metadata().title() != null) {
                o.put("title", doc.metadata().title());
            }
            if (doc.metadata().description() != null) {
                o.put("description", doc.metadata().description());
            }
            o.put("nodes", doc.nodes().size());
        } catch (IOException | RuntimeException e) {
            o.put("error", e.getMessage());
        }
        return o;
    }

    public WorkflowDocument load(String name) {
        Path f = resolve(name);
        if (!Files.isRegularFile(f)) {
            throw HttpError.notFound("No workflow '" + name + "' in the workspace. GET /api/workflows lists them.");
        }
        return WorkflowJson.read(f);
    }

    /** Saves atomically (the engine writes a temporary file and moves it into place). */
    public void save(String name, WorkflowDocument doc, boolean overwrite) {
        Path f = resolve(name);
        if (!overwrite && Files.exists(f)) {
            throw HttpError.conflict("Workflow '" + name + "' already exists. Choose another name, or save with overwrite.");
        }
        WorkflowJson.write(doc, f);
    }

    public void rename(String from, String to) {
        Path src = resolve(from);
        Path dst = resolve(to);
        if (!Files.isRegularFile(src)) {
            throw HttpError.notFound("No workflow '" + from + "' in the workspace to rename.");
        }
        if (Files.exists(dst)) {
            throw HttpError.conflict("Workflow '" + to + "' already exists. Choose another name or delete it first.");
        }
        try {
            Files.createDirectories(dst.getParent());
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rename " + from + " to " + to, e);
        }
    }

    public void delete(String name) {
        Path f = resolve(name);
        try {
            if (!Files.deleteIfExists(f)) {
                throw HttpError.notFound("No workflow '" + name + "' in the workspace to delete.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + name, e);
        }
    }

    // ---------------------------------------------------------------- examples

    /** Examples: every workflow in the examples folder, named by its path there. */
    public ArrayNode listExamples() {
        ArrayNode arr = F.arrayNode();
        if (examples != null) {
            List<Path> found = findWorkflows(examples);
            found.sort(Comparator.comparing(Path::toString));
            found.forEach(f -> arr.add(entry(examples, f)));
        }
        return arr;
    }

    /**
     * Copies an example's folder (the workflow and its data) into the workspace and returns the
     * name of the copied workflow. An existing folder of that name is never overwritten: the copy
     * gets a fresh name ({@code iris-2}).
     */
    public String openExample(String name) {
        if (examples == null) {
            throw HttpError.notFound("No examples folder is configured. Start the server with --examples DIR.");
        }
        Path wf = resolveIn(examples, name, "examples folder");
        if (!Files.isRegularFile(wf)) {
            throw HttpError.notFound("No example '" + name + "'. GET /api/examples lists them.");
        }
        Path folder = wf.getParent();
        if (folder.equals(examples)) {
            // A workflow lying loose in the examples folder: copy just the file.
            String target = freshName(wf.getFileName().toString(), true);
            copyFile(wf, root.resolve(target));
            return target;
        }
        String top = examples.relativize(folder).getName(0).toString();
        Path source = examples.resolve(top);
        String target = freshName(top, false);
        copyTree(source, root.resolve(target));
        return target + "/" + source.relativize(wf).toString().replace('\\', '/');
    }

    private String freshName(String base, boolean file) {
        String stem = file ? base.substring(0, base.length() - SUFFIX.length()) : base;
        String ext = file ? SUFFIX : "";
        String candidate = base;
        for (int i = 2; Files.exists(root.resolve(candidate)); i++) {
            candidate = stem + "-" + i + ext;
        }
        return candidate;
    }

    private static void copyFile(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
        }
    }

    private static void copyTree(Path from, Path to) {
        long[] bytes = {0};
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String n = dir.getFileName().toString();
                    if (!dir.equals(from) && (n.startsWith(".") || n.equals("target"))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isRegularFile()) {
                        return FileVisitResult.CONTINUE; // links could point anywhere; examples do not need them
                    }
                    bytes[0] += attrs.size();
                    if (bytes[0] > MAX_EXAMPLE_BYTES) {
                        throw new IOException("the example is larger than " + (MAX_EXAMPLE_BYTES >> 20)
                                + " MB; copy it by hand");
                    }
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy example " + from + ": " + e.getMessage(), e);
        }
    }
}
