package dev.quiver.api.port;

/** What is known about a port's content before execution (configure time). */
public interface PortSpec {
    PortType type();

    /** One line for people: "5 columns: …", "Logistic regression (classification)". */
    String describe();

    /** The spec of a port whose content cannot be known before execution. */
    static PortSpec unknown(PortType type) {
        return new UnknownSpec(type);
    }

    /** Whether this is the explicit "not known until executed" spec. */
    default boolean isKnown() {
        return !(this instanceof UnknownSpec);
    }

    /** Explicitly unknown; configure never returns null. */
    record UnknownSpec(PortType type) implements PortSpec {
        @Override
        public String describe() {
            return type.displayName() + " (known after execution)";
        }
    }
}
