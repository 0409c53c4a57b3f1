package dev.quiver.api.node;

import dev.quiver.api.port.PortDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The values on a node's input ports (specs at configure time, objects at execution), read by port
 * name or index with the type the node expects. An unconnected optional port is empty.
 */
public final class Ports<T> {
    private final List<PortDescriptor> descriptors;
    private final List<T> values;

    public Ports(List<PortDescriptor> descriptors, List<T> values) {
        if (descriptors.size() != values.size()) {
            throw new IllegalArgumentException("Expected " + descriptors.size() + " ports, got " + values.size());
        }
        this.descriptors = List.copyOf(descriptors);
        this.values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    @SafeVarargs
    public static <T> Ports<T> of(List<PortDescriptor> descriptors, T... values) {
        return new Ports<>(descriptors, Arrays.asList(values));
    }

    public int size() {
        return values.size();
    }

    public List<T> asList() {
        return values;
    }

    /** The value on a required port, cast to the type the node expects. */
    public <V extends T> V get(int index, Class<V> type) {
        T v = values.get(index);
        if (v == null) {
            throw new IllegalStateException("Input port '" + descriptors.get(index).name() + "' is not connected");
        }
        return type.cast(v);
    }

    public <V extends T> V get(String portName, Class<V> type) {
        return get(indexOf(portName), type);
    }

    /** The value on an optional port; empty when it is not connected. */
    public <V extends T> Optional<V> optional(int index, Class<V> type) {
        return Optional.ofNullable(values.get(index)).map(type::cast);
    }

    public <V extends T> Optional<V> optional(String portName, Class<V> type) {
        return optional(indexOf(portName), type);
    }

    private int indexOf(String portName) {
        for (int i = 0; i < descriptors.size(); i++) {
            if (descriptors.get(i).name().equals(portName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No input port named '" + portName + "'");
    }
}
