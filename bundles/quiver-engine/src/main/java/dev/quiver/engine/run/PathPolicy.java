package dev.quiver.engine.run;

import dev.quiver.api.InvalidInputException;
import java.nio.file.Path;

/**
 * How paths in settings resolve: relative to the workflow file's folder, and, when a workspace is
 * set (the editor's server), never outside it.
 */
public record PathPolicy(Path baseDir, Path workspace) {

    public static PathPolicy relativeTo(Path baseDir) {
        return new PathPolicy(baseDir.toAbsolutePath().normalize(), null);
    }

    public static PathPolicy confined(Path baseDir, Path workspace) {
        return new PathPolicy(baseDir.toAbsolutePath().normalize(), workspace.toAbsolutePath().normalize());
    }

    public Path resolve(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("The path is empty. Set a file path.");
        }
        Path p = Path.of(path);
        Path resolved = (p.isAbsolute() ? p : baseDir.resolve(p)).toAbsolutePath().normalize();
        if (workspace != null && !resolved.startsWith(workspace)) {
            throw new InvalidInputException("Path '" + path + "' points outside the workspace (" + workspace
                    + "). Use a path inside the workspace.");
        }
        return resolved;
    }
}
