package dev.quiver.api.table;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about a column before any data exists: name, type, role, for strings the nominal
 * domain (empty when unknown), and free-form properties (for instance the {@code class} a
 * probability column belongs to).
 */
public record ColumnSpec(String name, ColumnType type, ColumnRole role, List<String> domain,
        Map<String, String> properties) {

    public ColumnSpec {
        Objects.requireNonNull(name, "column name");
        Objects.requireNonNull(type, "column type");
        role = role == null ? ColumnRole.FEATURE : role;
        domain = domain == null ? List.of() : List.copyOf(domain);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        if (!domain.isEmpty() && type != ColumnType.STRING) {
            throw new IllegalArgumentException("Only string columns have a nominal domain: " + name);
        }
    }

    public ColumnSpec(String name, ColumnType type) {
        this(name, type, ColumnRole.FEATURE, List.of(), Map.of());
    }

    public ColumnSpec(String name, ColumnType type, ColumnRole role) {
        this(name, type, role, List.of(), Map.of());
    }

    public static ColumnSpec nominal(String name, ColumnRole role, List<String> domain) {
        return new ColumnSpec(name, ColumnType.STRING, role, domain, Map.of());
    }

    public boolean isNumeric() {
        return type.isNumeric();
    }

    public boolean isNominal() {
        return type == ColumnType.STRING;
    }

    public ColumnSpec withName(String newName) {
        return new ColumnSpec(newName, type, role, domain, properties);
    }

    public ColumnSpec withRole(ColumnRole newRole) {
        return new ColumnSpec(name, type, newRole, domain, properties);
    }

    public ColumnSpec withType(ColumnType newType) {
        return new ColumnSpec(name, newType, role, newType == ColumnType.STRING ? domain : List.of(), properties);
    }

    public ColumnSpec withDomain(List<String> newDomain) {
        return new ColumnSpec(name, type, role, newDomain, properties);
    }

    public ColumnSpec withProperty(String key, String value) {
        var copy = new java.util.LinkedHashMap<>(properties);
        copy.put(key, value);
        return new ColumnSpec(name, type, role, domain, copy);
    }

    @Override
    public String toString() {
        return name + " (" + type.label() + (role == ColumnRole.FEATURE ? "" : ", " + role.name().toLowerCase()) + ")";
    }
}
