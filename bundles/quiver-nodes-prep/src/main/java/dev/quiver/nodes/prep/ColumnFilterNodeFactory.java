package dev.quiver.nodes.prep;

import dev.quiver.api.InvalidInputException;
import dev.quiver.api.node.ConfigureContext;
import dev.quiver.api.node.ExecutionContext;
import dev.quiver.api.node.NodeDescriptor;
import dev.quiver.api.node.NodeFactory;
import dev.quiver.api.node.NodeResult;
import dev.quiver.api.node.Ports;
import dev.quiver.api.port.PortDescriptor;
import dev.quiver.api.port.PortObject;
import dev.quiver.api.port.PortSpec;
import dev.quiver.api.port.PortType;
import dev.quiver.api.table.ColumnSpec;
import dev.quiver.api.table.ColumnType;
import dev.quiver.api.table.Table;
import dev.quiver.api.table.TableSpec;
import dev.quiver.nodes.prep.ColumnFilterSettings.Mode;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Keeps or removes columns by name and by type. */
@Component(service = NodeFactory.class)
public final class ColumnFilterNodeFactory implements NodeFactory<ColumnFilterSettings> {
    public static final String ID = "quiver.prep.column-filter";

    private static final NodeDescriptor DESCRIPTOR = new NodeDescriptor(ID, 1, "Column Filter", "Preprocessing",
            """
            Keeps (include) or removes (exclude) the chosen columns, and optionally every column of chosen \
            types, for example all nominal columns. The remaining columns keep their order, roles and values.""",
            List.of(PortDescriptor.required("table", PortType.TABLE, "The table to filter.")),
            List.of(PortDescriptor.required("table", PortType.TABLE, "The table with the remaining columns.")));

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Class<ColumnFilterSettings> settingsType() {
        return ColumnFilterSettings.class;
    }

    @Override
    public ColumnFilterSettings defaultSettings() {
        return ColumnFilterSettings.defaults();
    }

    @Override
    public List<PortSpec> configure(Ports<PortSpec> inputs, ColumnFilterSettings settings, ConfigureContext context) {
        if (!(inputs.get("table", PortSpec.class) instanceof TableSpec spec)) {
            return List.of(PortSpec.unknown(PortType.TABLE));
        }
        return List.of(spec.select(kept(spec, settings)));
    }

    @Override
    public NodeResult execute(Ports<PortObject> inputs, ColumnFilterSettings settings, ExecutionContext context) {
        Table table = inputs.get("table", Table.class);
        return NodeResult.of(table.select(kept(table.spec(), settings)));
    }

    static List<String> kept(TableSpec spec, ColumnFilterSettings settings) {
        Set<String> named = new HashSet<>();
        for (ColumnSpec c : Columns.resolve(spec, settings.columns(), x -> false, x -> true, "", "Columns")) {
            named.add(c.name());
        }
        Set<ColumnType> types = types(settings.types());
        boolean include = settings.mode() == Mode.INCLUDE;
        List<String> kept = spec.columns().stream()
                .filter(c -> (named.contains(c.name()) || types.contains(c.type())) == include)
                .map(ColumnSpec::name)
                .toList();
        if (kept.isEmpty()) {
            throw new InvalidInputException(include
                    ? "No column is included (columns: " + TableSpec.names(spec.columns()) + "). Choose the columns or types to keep."
                    : "Every column is excluded. Keep at least one column.");
        }
        return kept;
    }

    private static Set<ColumnType> types(List<String> names) {
        Set<ColumnType> out = EnumSet.noneOf(ColumnType.class);
        for (String n : names) {
            switch (n.strip().toLowerCase(Locale.ROOT)) {
                case "double" -> out.add(ColumnType.DOUBLE);
                case "long" -> out.add(ColumnType.LONG);
                case "string", "nominal" -> out.add(ColumnType.STRING);
                case "boolean" -> out.add(ColumnType.BOOLEAN);
                case "numeric" -> {
                    out.add(ColumnType.DOUBLE);
                    out.add(ColumnType.LONG);
                }
                default -> throw new InvalidInputException("Types: '" + n + "' is not a column type (valid: double, long, "
                        + "string, nominal, boolean, numeric). Change 'Types'.");
            }
        }
        return out;
    }
}
