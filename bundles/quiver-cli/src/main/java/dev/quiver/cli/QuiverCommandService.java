package dev.quiver.cli;

import dev.quiver.engine.registry.NodeRegistry;
import java.util.function.Function;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The command line as an OSGi service. The launcher knows only Felix and the JDK, so the service is
 * published under {@link Function} (a JDK type both sides share) with {@code quiver.command=cli}:
 * {@code apply(args)} runs one command and returns the process exit code.
 */
@Component(service = Function.class, property = "quiver.command=cli")
public final class QuiverCommandService implements Function<String[], Integer> {
    private final NodeRegistry registry;

    @org.osgi.service.component.annotations.Activate
    public QuiverCommandService(@Reference NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer apply(String[] args) {
        return QuiverCommand.run(registry, args, System.out, System.err);
    }
}
