package dev.quiver.api.node;

import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The contract every node fulfils. Register an implementation as an OSGi service (a Declarative
 * Services {@code @Component(service = NodeFactory.class)}) and the engine finds it.
 *
 * <p>Settings are an immutable record of type {@code S}; the engine reads and writes them as JSON
 * and generates the dialog's JSON Schema from the record's components and their annotations
 * ({@link dev.quiver.api.settings.Description}, {@link dev.quiver.api.settings.Range}, …). Check
 * cross-field rules in the record's compact constructor by throwing
 * {@link dev.quiver.api.InvalidInputException}.
 *
 * @param <S> the settings record
 */
@ConsumerType
public interface NodeFactory<S extends Record> {

    NodeDescriptor descriptor();

    Class<S> settingsType();

    /** The settings a newly placed node starts with. */
    S defaultSettings();

    /**
     * Brings settings saved by an older version of this node type ({@code fromVersion} is less than
     * {@code descriptor().version()}) up to the current form: rename, convert or drop settings here.
     * The map holds the JSON values (String, Number, Boolean, List, Map) and may be changed in place.
     * Settings the map leaves out take their defaults. The default keeps the settings as they are.
     */
    default java.util.Map<String, Object> migrateSettings(int fromVersion, java.util.Map<String, Object> settings) {
        return settings;
    }

    /**
     * Computes output specs from input specs and settings, never touching data. Fast and free of
     * side effects: the editor calls it on every edit. Returns one spec per output port (never
     * null; {@link PortSpec#unknown} where the content cannot be known). Throws
     * {@link dev.quiver.api.InvalidInputException} with a message that says what to fix.
     */
    List<PortSpec> configure(Ports<PortSpec> inputs, S settings, ConfigureContext context);

    /**
     * Computes the outputs. Reports progress, checks cancellation between steps, and throws
     * {@link dev.quiver.api.InvalidInputException} for bad data with a message that says what to fix.
     */
    NodeResult execute(Ports<PortObject> inputs, S settings, ExecutionContext context);
}
