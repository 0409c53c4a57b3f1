package dev.quiver.server;

import dev.quiver.engine.registry.NodeRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code quiver serve} as a command service: the launcher routes commands to the service whose
 * {@code quiver.command} property names them. {@code apply} blocks while the editor serves; stopping
 * the framework (Ctrl-C, SIGTERM) deactivates this component, which releases it with exit code 0.
 */
@Component(service = Function.class, property = "quiver.command=serve")
public final class QuiverServeService implements Function<String[], Integer> {
    private final NodeRegistry registry;
    private final Set<CountDownLatch> running = ConcurrentHashMap.newKeySet();

    @Activate
    public QuiverServeService(@Reference NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer apply(String[] args) {
        // The launcher passes the command name first; picocli wants only the options.
        String[] options = args.length > 0 && args[0].equals("serve")
                ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        CountDownLatch stop = new CountDownLatch(1);
        running.add(stop);
        try {
            return ServeCommand.run(new ServeCommand(registry, System.out, stop, s -> { }), options, System.err);
        } finally {
            running.remove(stop);
        }
    }

    @Deactivate
    void deactivate() {
        running.forEach(CountDownLatch::countDown);
    }
}
