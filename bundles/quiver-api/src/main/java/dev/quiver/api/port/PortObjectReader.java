package dev.quiver.api.port;

import java.io.IOException;
import java.io.InputStream;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads the bytes a {@link Persistable} of one format wrote. Node bundles register one per format
 * as an OSGi service, beside their node factories.
 */
@ConsumerType
public interface PortObjectReader {
    String formatId();

    /**
     * Rebuilds the object. {@code spec} is the spec saved with it when it is a record spec (a
     * {@link ModelSpec}, {@link LearnerSpec} or table spec), else null.
     */
    PortObject read(InputStream data, PortSpec spec) throws IOException;
}
