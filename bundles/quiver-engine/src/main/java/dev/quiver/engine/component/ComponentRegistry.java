package dev.quiver.engine.component;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ExecutionBackendFactory;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.port.PortObjectReader;
import dev.quiver.engine.doc.WorkflowDocument;
import dev.quiver.engine.doc.WorkflowDocument.Execution;
import dev.quiver.engine.doc.WorkflowJson;
import dev.quiver.engine.registry.NodeRegistry;
import dev.quiver.engine.run.PathPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The installed node types plus the components a workflow can see: {@code component:NAME} resolves
 * to {@code NAME.quiver-component.json} in the workflow's {@code components} folder (then the
 * workspace's), and boundary node types are always known so that a component file opens like any
 * workflow. Component files are read on every lookup, so an edited component is used the next time
 * a workflow loads, without restarting anything.
 */
public final class ComponentRegistry implements NodeRegistry {
    private final NodeRegistry base;
    private final List<Path> folders;
    private final PathPolicy paths;
    private final long seed;
    /** The enclosing workflow's execution section: a component's heavy work runs where the workflow's does. */
    private final Execution execution;
    /** The component files being resolved around this registry, outermost first: the nesting path. */
    private final List<Path> enclosing;
    /** Node types that take precedence: boundary inputs bound to the values of one run. */
    private final Map<String, NodeFactory<?>> overlay;

    ComponentRegistry(NodeRegistry base, List<Path> folders, PathPolicy paths, long seed, Execution execution,
            List<Path> enclosing, Map<String, NodeFactory<?>> overlay) {
        this.base = base;
        this.folders = List.copyOf(folders);
        this.paths = paths;
        this.seed = seed;
        this.execution = execution;
        this.enclosing = List.copyOf(enclosing);
        this.overlay = Map.copyOf(overlay);
    }

    /**
     * The registry a workflow runs with: {@code base} plus the components next to the workflow
     * ({@code paths.baseDir()/components}) and, in the editor, at the workspace root. Returns
     * {@code base} itself when it already resolves components (a component's own inner run).
     */
    public static NodeRegistry forWorkflow(NodeRegistry base, PathPolicy paths, long seed, Execution execution) {
        if (base instanceof ComponentRegistry) {
            return base;
        }
        var folders = new LinkedHashSet<Path>();
        if (paths.baseDir().getFileName() != null
                && paths.baseDir().getFileName().toString().equals(Components.FOLDER)) {
            // A component file opened on its own: its siblings are the components it can contain.
            folders.add(paths.baseDir());
        }
        folders.add(paths.baseDir().resolve(Components.FOLDER));
        if (paths.workspace() != null) {
            folders.add(paths.workspace().resolve(Components.FOLDER));
        }
        return new ComponentRegistry(base, new ArrayList<>(folders), paths, seed, execution, List.of(), Map.of());
    }

    /** Why a node type could not be found, when {@code registry} knows better than "not installed"; else null. */
    public static String describeMissing(NodeRegistry registry, String typeId) {
        if (registry instanceof ComponentRegistry cr && Components.isComponentType(typeId)) {
            Resolution r = cr.resolve(typeId);
            return r.factory == null ? r.error : null;
        }
        return null;
    }

    /** The file a component node type was read from, when it resolves. */
    public Optional<Path> componentFile(String typeId) {
        if (!Components.isComponentType(typeId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(resolve(typeId).factory).map(f -> ((ComponentNodeFactory) f).file());
    }

    /** The folders searched for component files, first match wins. */
    public List<Path> folders() {
        return folders;
    }

    NodeRegistry base() {
        return base;
    }

    PathPolicy paths() {
        return paths;
    }

    long seed() {
        return seed;
    }

    Execution execution() {
        return execution;
    }

    /** The registry inside a component read from {@code file}: its siblings resolve, and it cannot contain itself. */
    ComponentRegistry inside(Path file, Map<String, NodeFactory<?>> boundInputs) {
        var chain = new ArrayList<>(enclosing);
        chain.add(file);
        return new ComponentRegistry(base, List.of(file.getParent()), paths, seed, execution, chain, boundInputs);
    }

    @Override
    public Optional<NodeFactory<?>> find(String typeId) {
        NodeFactory<?> bound = overlay.get(typeId);
        if (bound != null) {
            return Optional.of(bound);
        }
        if (Components.isComponentType(typeId)) {
            return Optional.ofNullable(resolve(typeId).factory);
        }
        if (typeId != null && (BoundaryNodes.isInput(typeId) || BoundaryNodes.isOutput(typeId))) {
            return BoundaryNodes.unbound().stream().filter(f -> f.descriptor().id().equals(typeId)).findFirst();
        }
        return base.find(typeId);
    }

    /** Installed node types, the boundary node types and every component these folders hold. */
    @Override
    public List<NodeFactory<?>> all() {
        var list = new ArrayList<NodeFactory<?>>(base.all());
        list.addAll(BoundaryNodes.unbound());
        list.addAll(components());
        list.sort(PALETTE_ORDER);
        return list;
    }

    /** The components these folders hold that resolve (broken files are left out; loading one says why). */
    public List<NodeFactory<?>> components() {
        Map<String, NodeFactory<?>> byType = new LinkedHashMap<>();
        for (Path folder : folders) {
            for (Path file : Components.list(folder)) {
                String type = Components.TYPE_PREFIX + Components.stemOfFile(file);
                if (!byType.containsKey(type)) {
                    Resolution r = resolve(type);
                    if (r.factory != null) {
                        byType.put(type, r.factory);
                    }
                }
            }
        }
        return new ArrayList<>(byType.values());
    }

    @Override
    public Optional<PortObjectReader> reader(String formatId) {
        return base.reader(formatId);
    }

    @Override
    public List<ExecutionBackendFactory> backends() {
        return base.backends();
    }

    /** A component factory, or why there is none. */
    record Resolution(NodeFactory<?> factory, String error) {
    }

    Resolution resolve(String typeId) {
        String stem = Components.stemOf(typeId);
        if (!Components.isValidStem(stem)) {
            return new Resolution(null, "Node type '" + typeId + "' does not name a component file: after '"
                    + Components.TYPE_PREFIX + "' comes the file's name without " + Components.FILE_SUFFIX + ".");
        }
        Path file = null;
        for (Path folder : folders) {
            Path candidate = Components.file(folder, stem);
            if (Files.isRegularFile(candidate)) {
                file = candidate.toAbsolutePath().normalize();
                break;
            }
        }
        if (file == null) {
            return new Resolution(null, "Component file " + stem + Components.FILE_SUFFIX + " is missing (looked in "
                    + folders.stream().map(Path::toString).collect(Collectors.joining(", "))
                    + "). Put the component file there, or replace this node; its settings are kept until then.");
        }
        if (enclosing.contains(file)) {
            var names = new ArrayList<String>();
            for (Path p : enclosing.subList(enclosing.indexOf(file), enclosing.size())) {
                names.add(Components.stemOfFile(p));
            }
            names.add(stem);
            return new Resolution(null, "Component '" + stem + "' contains itself (" + String.join(" → ", names)
                    + "). A component cannot contain itself; remove that node from the component.");
        }
        WorkflowDocument doc;
        try {
            doc = WorkflowJson.read(file);
        } catch (InvalidInputException e) {
            return new Resolution(null, e.getMessage());
        }
        if (!WorkflowDocument.COMPONENT_FORMAT.equals(doc.format())) {
            return new Resolution(null, file + " has format '" + doc.format() + "', but a component file has format '"
                    + WorkflowDocument.COMPONENT_FORMAT + "'.");
        }
        try {
            return new Resolution(new ComponentNodeFactory(typeId, file, doc, this), null);
        } catch (InvalidInputException e) {
            return new Resolution(null, "Component " + file.getFileName() + " cannot be used: " + e.getMessage());
        }
    }
}
