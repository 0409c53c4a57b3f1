package dev.quiver.api.port;

import java.util.Map;

/** The data travelling on a port at execution time. Immutable. */
public interface PortObject {
    PortType type();

    PortSpec spec();

    /** One line for the command line and the editor: "150 rows × 5 columns". */
    String summary();

    /**
     * Details for JSON output and the editor (coefficients, settings, provenance): values are
     * strings, numbers, booleans, lists and maps of those.
     */
    default Map<String, Object> details() {
        return Map.of();
    }
}
