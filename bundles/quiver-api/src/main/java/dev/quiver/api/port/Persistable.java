package dev.quiver.api.port;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A port object that can be saved as bytes — never with Java serialisation — and read back later by
 * the {@link PortObjectReader} service of the same {@link #formatId()}: a fitted model survives
 * {@code quiver run --out} and a Model Reader node in another workflow.
 */
public interface Persistable extends PortObject {
    /** A stable id of the byte format, e.g. {@code quiver.tribuo.model}; readers are found by it. */
    String formatId();

    /** Writes the object's own data (the engine stores the spec and a manifest beside it). */
    void writeTo(OutputStream out) throws IOException;
}
